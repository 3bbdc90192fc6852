import type * as fs from 'fs';

/** What a file-system entry is, for messages: 'a file', 'a folder', 'a FIFO (named pipe)', 'a device', ... */
export function entryKind(entry: fs.Stats | fs.Dirent): string {
  if (entry.isFile()) return 'a file';
  if (entry.isDirectory()) return 'a folder';
  if (entry.isSymbolicLink()) return 'a symlink';
  if (entry.isFIFO()) return 'a FIFO (named pipe)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'a device';
  return 'an unknown kind of entry';
}
