import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SaveCalendarDto } from '../calendars/dto/calendar.dto';
import { CorrectMeasurementDto } from '../cycles/dto/correct-measurement.dto';
import { CreateUserDto } from '../directory/dto/directory.dto';

/** The top-level fields a body is refused for, as the validation pipe names them. */
const refusedFields = (type: new () => object, body: Record<string, unknown>) =>
  validateSync(plainToInstance(type, body), { whitelist: true, forbidNonWhitelisted: true }).map(
    (error) => error.property,
  );

const figure = { indicatorId: 'obj-4-on-time', numerator: 90, denominator: 95 };

/**
 * Every list of objects in a body refuses an item that is no object, naming the list: `[[]]`, a text
 * or a number in its place reached the service unchecked before (the fuzzer's `roles: [[]]`, a 500).
 */
describe('a list of objects in a request body', () => {
  it.each([
    ['a user’s roles', CreateUserDto, { fullName: 'Nguyễn Thị Lan', email: 'lan@kontum.test' }, 'roles'],
    ['a correction’s figures', CorrectMeasurementDto, { reason: 'Tính nhầm quý' }, 'figures'],
    [
      'the figures a correction was decided on',
      CorrectMeasurementDto,
      { reason: 'Tính nhầm quý', figures: [figure] },
      'ifFiguresWere',
    ],
  ] as const)('%s: refused for an item that is a list, a text or a number', (_, type, rest, field) => {
    for (const item of [[], 'unit-head', 7])
      expect(refusedFields(type, { ...rest, [field]: [item] })).toContain(field);
  });

  it('the calendar’s added and removed holidays: the same', () => {
    for (const field of ['addedHolidays', 'removedHolidays'])
      expect(refusedFields(SaveCalendarDto, { [field]: [[]] })).toContain(field);
  });

  it('takes the lists as they should be', () => {
    expect(
      refusedFields(CreateUserDto, {
        fullName: 'Nguyễn Thị Lan',
        email: 'lan@kontum.test',
        roles: [{ role: 'staff' }],
      }),
    ).toEqual([]);
    expect(refusedFields(CorrectMeasurementDto, { reason: 'Tính nhầm quý', figures: [figure] })).toEqual([]);
  });
});
