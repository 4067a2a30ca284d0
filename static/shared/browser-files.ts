/** The browser's file APIs, as both apps use them (the component tests pass fakes instead). */

/** Hands a file to the browser as a download. */
export function saveFileInBrowser(fileName: string, mimeType: string, contentBase64: string): void {
  const bytes = Uint8Array.from(atob(contentBase64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has started the download; the URL can go once the event loop turns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
