import { describe, expect, it } from 'vitest';
import { DecodeError, decodeText, guessEncoding } from '../../src/core/decode';

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomHighBytes(n: number, seed: number): Uint8Array {
  const next = rng(seed);
  return Uint8Array.from({ length: n }, () => 0x80 + Math.floor(next() * 128));
}

function decodeError(bytes: Uint8Array, encoding?: Parameters<typeof decodeText>[1]): DecodeError {
  try {
    decodeText(bytes, encoding);
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
  throw new Error('decoded');
}

const utf16le = (s: string) => Uint8Array.from(Buffer.from(s, 'utf16le'));

describe('decodeText', () => {
  it('reads UTF-8 and drops a byte-order mark', () => {
    expect(decodeText(new TextEncoder().encode('\ufeff投资120亿元'))).toBe('投资120亿元');
  });

  it('says so when the bytes fit no encoding, instead of suggesting one that fails too', () => {
    for (const [n, seed] of [
      [4096, 1],
      [1000, 2],
      [100_000, 3],
    ]) {
      const bytes = randomHighBytes(n, seed);
      const e = decodeError(bytes);
      expect(e.message).toBe('not valid UTF-8, and not GBK, Big5 or UTF-16 either: is it a text file?');
      expect(e.likely).toBeUndefined();
      expect(guessEncoding(bytes)).toBeUndefined();
    }
  });

  it('does not take garbage that a legacy table happens to decode for text', () => {
    // Random GBK pairs decode without error (every lead and trail byte is valid), yet they are no Chinese text.
    const next = rng(9);
    const pairs = Uint8Array.from({ length: 2000 }, (_, k) => (k % 2 === 0 ? 0xb0 + Math.floor(next() * 0x40) : 0xa1 + Math.floor(next() * 0x5e)));
    expect(new TextDecoder('gbk', { fatal: true }).decode(pairs).length).toBe(1000);
    expect(guessEncoding(pairs)).toBeUndefined();
  });

  it('names the encoding that does decode the bytes into text', () => {
    const text = '2024年4月，济南总投资120亿元的华润雪花啤酒项目开工，这是全市今年的重大项目之一。'.repeat(4);
    const noBom = utf16le(text);
    expect(guessEncoding(noBom)).toBe('utf-16le');
    const e = decodeError(noBom);
    expect(e.message).toBe('not valid utf-8; it looks like utf-16le (try --encoding utf-16le)');
    expect(e.likely).toBe('utf-16le');
  });

  it('reports a legacy encoding the user named that does not fit', () => {
    expect(decodeError(randomHighBytes(4096, 4), 'big5').message).toBe('not valid big5');
  });

  it('refuses binary data', () => {
    expect(decodeError(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1])).message).toMatch(/binary/);
  });
});
