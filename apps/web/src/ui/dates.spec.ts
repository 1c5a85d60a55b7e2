import {
  formatDay,
  formatDayInWords,
  formatInstant,
  formatInstantDay,
  formatMonth,
  readTypedDay,
  readTypedTime,
  writeTypedDay,
} from './dates';

// 10:00 UTC is 17:00 in Vietnam; 20:00 UTC on the 5th is already the 6th there.
const fivePm = '2024-04-05T10:00:00.000Z';
const lateEvening = '2024-04-05T20:00:00.000Z';

describe('dates as every page writes them', () => {
  it('writes a moment in Vietnam time: time then day in Vietnamese, the month in words in English', () => {
    expect(formatInstant(fivePm, 'vi')).toBe('17:00 05/04/2024');
    expect(formatInstant(fivePm, 'en')).toBe('5 Apr 2024, 17:00');
    expect(formatInstant(lateEvening, 'vi')).toBe('03:00 06/04/2024');
  });

  it('writes the day of a moment as the day in Vietnam', () => {
    expect(formatInstantDay(lateEvening, 'vi')).toBe('06/04/2024');
    expect(formatInstantDay(lateEvening, 'en')).toBe('6 Apr 2024');
  });

  it('writes a calendar day as that day, whatever the zone, the same way as a moment’s day', () => {
    expect(formatDay('2024-06-30', 'vi')).toBe('30/06/2024');
    expect(formatDay('2024-06-30', 'en')).toBe('30 Jun 2024');
    expect(formatDay('2024-04-06', 'en')).toBe(formatInstantDay(lateEvening, 'en'));
  });

  it('writes a reporting month in English as its days write the month', () => {
    expect(formatMonth('2024-03', 'en')).toBe('Mar 2024');
    expect(formatMonth('2024-09', 'en')).toBe(formatDay('2024-09-05', 'en').replace(/^5 /, ''));
    expect(formatMonth('2024-3', 'en')).toBe('2024-3');
  });

  it('writes a date field’s day in words with its weekday, day before month, whatever the browser shows', () => {
    expect(formatDayInWords('2025-06-30', 'vi')).toBe('Thứ Hai, ngày 30 tháng 6 năm 2025');
    expect(formatDayInWords('2025-06-30', 'en')).toBe('Monday, 30 June 2025');
    // The first of October and the tenth of January, which 01/10 reads as in the two orders.
    expect(formatDayInWords('2024-10-01', 'vi')).toBe('Thứ Ba, ngày 1 tháng 10 năm 2024');
    expect(formatDayInWords('2024-01-10', 'vi')).toBe('Thứ Tư, ngày 10 tháng 1 năm 2024');
    expect(formatDayInWords('2024-02-29', 'vi')).toBe('Thứ Năm, ngày 29 tháng 2 năm 2024');
    // An empty field or no day at all: no words.
    for (const nothing of ['', null, undefined, '2025-02-30', '30/06/2025'])
      expect(formatDayInWords(nothing, 'vi')).toBe('');
  });

  it('gives back what it cannot read, and nothing for nothing', () => {
    expect(formatInstant('not a date', 'vi')).toBe('not a date');
    expect(formatDay('2024-6-30', 'en')).toBe('2024-6-30');
    expect(formatInstant(null, 'en')).toBe('');
  });

  it('reads a typed day day first, as Vietnam writes it, whatever the browser’s language', () => {
    // The fifth of March, never the third of May.
    for (const typed of [
      '05/03/2025',
      '5/3/2025',
      ' 5 / 3 / 2025 ',
      '05.03.2025',
      '05-03-2025',
      '5,3,2025',
      '05032025',
    ])
      expect(readTypedDay(typed)).toBe('2025-03-05');
    // The ISO day a paste or a program gives.
    expect(readTypedDay('2025-03-05')).toBe('2025-03-05');
    expect(readTypedDay('2024-02-29')).toBe('2024-02-29');
    expect(readTypedDay('')).toBe('');
    expect(readTypedDay('   ')).toBe('');
  });

  it('reads no day from what is none: a day the month lacks, a month past 12, a two-digit year, words', () => {
    for (const typed of [
      '31/02/2025',
      '29/02/2025',
      '05/13/2025',
      '00/03/2025',
      '5/3/25',
      '2025-02-30',
      '5 tháng 3',
      '053/2025',
      '0503202',
    ])
      expect(readTypedDay(typed)).toBeUndefined();
  });

  it('writes a day as its field shows it, day first in every language', () => {
    expect(writeTypedDay('2025-03-05')).toBe('05/03/2025');
    expect(writeTypedDay('')).toBe('');
    expect(readTypedDay(writeTypedDay('2024-12-31'))).toBe('2024-12-31');
  });

  it('reads a typed time on 24 hours, as Vietnam writes times too (7h30, 17h)', () => {
    for (const [typed, time] of [
      ['07:30', '07:30'],
      ['7:30', '07:30'],
      ['7.30', '07:30'],
      ['0730', '07:30'],
      ['7h30', '07:30'],
      ['17h', '17:00'],
      [' 17 h 00 ', '17:00'],
      ['0:00', '00:00'],
    ])
      expect(readTypedTime(typed)).toBe(time);
    for (const typed of ['', '7', '24:00', '7:60', '7:3', '7 giờ', '07:30 PM'])
      expect(readTypedTime(typed)).toBeUndefined();
  });
});
