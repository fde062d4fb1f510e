/**
 * Document-level facts: which jurisdiction's money and calendar a text uses, and
 * the reference date relative expressions resolve against.
 */
import type { DocContext } from './types';

const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

/** Reads the working (simplified) text and decides the region. */
export function detectRegion(working: string): DocContext['region'] {
  const hk = count(working, /香港|港元|港币|特区政府|立法会|财政司|行政长官|特首|九龙|新界|大屿山/g);
  // 台湾 alone is no evidence (mainland texts discuss Taiwan); it adds weight only
  // when Taiwan's own institutions, cities or currency appear too.
  // ROC dates (113年5月, 今(113)年) are written only in Taiwan.
  const twStrong = count(working, /台北|新台币|民国\s*\d|行政院|立法院|台中|高雄|台南|桃园|新北市|立委|陆委会|国发会|经济部|内政部|卫福部/g) +
    count(working, /(?<![\d.])1[0-4]\d[ \t]{0,2}年度?[ \t]{0,2}\d{1,2}[ \t]{0,2}月|[今去明][ \t]?[(（]1[0-4]\d[)）]年/g);
  const tw = twStrong > 0 ? twStrong + count(working, /台湾/g) : 0;
  const mainland = count(working, /人民币|国务院|省委|市委|区委|县委|党委|全国人大|政协/g);
  if (hk > mainland && hk >= tw && hk >= 2) return 'hk';
  if (tw > mainland && tw > hk && tw >= 2) return 'tw';
  return 'mainland';
}

/** The first complete date written in the text (YYYY-MM-DD), as a reference for relative dates. */
export function findReferenceDate(working: string): string | undefined {
  const m = /(20\d\d|19\d\d)(?:年|-|\/|\.)(\d{1,2})(?:月|-|\/|\.)(\d{1,2})/.exec(working);
  if (!m) return undefined;
  const mm = Number(m[2]), dd = Number(m[3]);
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return undefined;
  return `${m[1]}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}
