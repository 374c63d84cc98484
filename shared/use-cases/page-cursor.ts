/**
 * A list's page position handed out as an opaque cursor (base64url JSON) and read back checked:
 * a cursor the list never handed out is a 400 that names the list.
 */
import type { z } from 'zod';
import { BadRequestError } from './errors';

export interface PageCursor<T> {
  readonly encode: (position: T) => string;
  /** The position, or BadRequestError ("not a cursor of `list`: ..."). */
  readonly decode: (cursor: string) => T;
}

export function pageCursor<S extends z.ZodType>(position: S, list: string): PageCursor<z.infer<S>> {
  return {
    encode: (value) => Buffer.from(JSON.stringify(value)).toString('base64url'),
    decode: (cursor) => {
      try {
        return position.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
      } catch (error) {
        throw new BadRequestError(`not a cursor of ${list}: ${cursor}`, { cause: error });
      }
    },
  };
}
