import { describe, expect, it } from 'vitest';
import { addDecimal, amountValue, chineseInt, digitValue, shiftDecimal, toDecimalString, type Decimal } from '../../src/core/numbers';

const d = (s: string): Decimal => amountValue(s)!;

describe('numbers: exact decimal helpers', () => {
  it('adds exactly, whatever the scales', () => {
    expect(toDecimalString(addDecimal(d('1200500'), { mantissa: 5n, scale: 1 }))).toBe('1200500.5');
    expect(toDecimalString(addDecimal(d('0.1'), d('0.2')))).toBe('0.3');
    expect(toDecimalString(addDecimal(d('123'), { mantissa: 11n, scale: 2 }))).toBe('123.11');
  });
  it('shifts by English multipliers exactly', () => {
    expect(toDecimalString(shiftDecimal(d('3.5'), 6))).toBe('3500000');
    expect(toDecimalString(shiftDecimal(d('1.234567891'), 9))).toBe('1234567891');
    expect(toDecimalString(shiftDecimal(d('0.0015'), 3))).toBe('1.5');
  });
  it('reads single digits, capital numerals included', () => {
    expect(['7', '柒', '参', '叁', '两', '零'].map(digitValue)).toEqual([7, 7, 3, 3, 2, 0]);
    expect(digitValue('万')).toBeUndefined();
  });
  it('reads capital-numeral amounts', () => {
    expect(toDecimalString(d('壹佰贰拾万零伍佰'))).toBe('1200500');
    expect(toDecimalString(d('贰佰贰拾捌万捌仟贰佰叁拾壹'))).toBe('2288231');
    expect(toDecimalString(d('拾'))).toBe('10');
  });
  it('reads a Latin O as zero in digit-by-digit years', () => {
    expect(chineseInt('二O二O')).toBe(2020n);
  });
  it('ignores a line break inside an amount', () => {
    expect(toDecimalString(d('7,715\n万'))).toBe('77150000');
  });
});
