import { defaultCycleCalendar } from './cycle-calendar';
import { reviewPreparationSchedule } from './review-preparation';
import { instantToVnLocal } from './vietnam-time';

describe('reviewPreparationSchedule', () => {
  it('opens the preparation 5 working days before the review and makes it due the working day before', () => {
    // 2024: the review on Monday 16 December (15 December is a Sunday).
    const calendar = defaultCycleCalendar(2024);
    const schedule = reviewPreparationSchedule(calendar);
    expect(schedule.reviewDate).toBe('2024-12-16');
    expect(instantToVnLocal(schedule.opensAt)).toEqual({
      date: '2024-12-09',
      time: calendar.notificationTime,
    });
    expect(instantToVnLocal(schedule.dueAt)).toEqual({
      date: '2024-12-13',
      time: calendar.monitoring.dueTime,
    });
  });

  it('counts working days around holidays', () => {
    // A review moved to Monday 6 May 2024: 30 April and 1 May are holidays, the weekend too.
    const calendar = { ...defaultCycleCalendar(2024), managementReviewDate: '2024-05-06' };
    const schedule = reviewPreparationSchedule(calendar);
    expect(instantToVnLocal(schedule.opensAt).date).toBe('2024-04-25');
    expect(instantToVnLocal(schedule.dueAt).date).toBe('2024-05-03');
  });
});
