/**
 * The template reader and the parse worker use Node's Buffer (Buffer.from, readUInt32BE, latin1
 * decoding); in the browser's worker the `buffer` package stands in, injected before anything runs.
 */
import { Buffer as BrowserBuffer } from 'buffer';

const scope = globalThis as unknown as { Buffer?: unknown };
if (typeof scope.Buffer === 'undefined') scope.Buffer = BrowserBuffer;

export {};
