import { hash, verify } from '@node-rs/argon2';

// Argon2id (memory-hard) with the library's defaults: 19 MiB, 2 passes.
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (stored: string, password: string) => verify(stored, password).catch(() => false);

/** A syntactically valid hash that matches nothing: verifying against it evens out login timing. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$s6niSebsetB/OVWJSphPiQ$AmP488en3mtf30gIBlYbkVw1slw4DOwyuYSnCY0U7jw';
