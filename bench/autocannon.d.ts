/** autocannon 9 ships no type declarations; load-worker.ts types the part it uses. */
declare module 'autocannon'
