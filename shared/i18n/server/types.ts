import type { serverEn } from './en';

type Words<T> = { [K in keyof T]: T[K] extends string ? string : Words<T[K]> };

/** The shape of the server's words in one language: serverEn's keys, any words. */
export type ServerText = Words<typeof serverEn>;
