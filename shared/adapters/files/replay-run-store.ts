/** A distributed backtest's run in a directory (local runs and tests): each key a file under `root`. */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import type { ReplayRunStore } from '../../ports/replay-run-store';

export class DirectoryRunStore implements ReplayRunStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The file of a key; a key that would leave the directory is refused. */
  private path(key: string): string {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error(`key ${JSON.stringify(key)} is outside the run directory`);
    return path;
  }

  async read(key: string): Promise<string | undefined> {
    try {
      return await readFile(this.path(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  lines(key: string): AsyncIterable<string> {
    const path = this.path(key);
    // Opened when first read (a readline interface reads from the moment it is made).
    return { [Symbol.asyncIterator]: () => createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })[Symbol.asyncIterator]() };
  }

  async write(key: string, body: string): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
  }
}
