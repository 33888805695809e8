import { unzipSync } from 'fflate';
import { badRequest, Problem, say, type Localized } from './errors.ts';

// An Office file (.xlsx, .docx, .pptx) is a zip. Its central directory says how many entries it
// holds and how big each unpacks: both are checked before anything is inflated, so a zip bomb is
// refused for the price of reading that directory. (A directory that lies is caught later by the
// worker's row, memory and time limits.)

export interface ZipLimits { entries: number; unpackedBytes: number }

const MB = 1024 * 1024;

/** Starts as a zip does (a local file header). */
export const isZip = (data: Uint8Array) => data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;

/** Throws a 400 naming `field` if the zip cannot be read or would unpack past the limits. */
export function checkZip(data: Uint8Array, limits: ZipLimits, field = '/file') {
  let entries = 0, unpacked = 0;
  const refuse = (detail: Localized, message: Localized) => badRequest(detail, [{ path: field, message }]);
  try {
    unzipSync(data, {
      filter: (f) => {
        entries++;
        unpacked += f.originalSize;
        if (entries > limits.entries) throw refuse(say(`文件包含的条目超过 ${limits.entries} 个`, `The file holds more than ${limits.entries} entries`), say('条目过多', 'too many zip entries'));
        if (unpacked > limits.unpackedBytes) {
          throw refuse(say(`文件解压后超过 ${Math.round(limits.unpackedBytes / MB)} MB`, `The file unpacks to more than ${Math.round(limits.unpackedBytes / MB)} MB`), say('解压后过大', 'unpacks too large'));
        }
        return false; // read the directory only, inflate nothing
      },
    });
  } catch (err) {
    if (err instanceof Problem) throw err;
    throw refuse(say('文件已损坏，无法读取', 'The file is not a readable zip archive'), say('压缩包已损坏', 'damaged zip archive'));
  }
}
