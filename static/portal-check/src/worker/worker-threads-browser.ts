/** `node:worker_threads` for the parse worker's code in the browser: it is already inside a Web Worker. */
export const parentPort = null;
