import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Whether I have a calendar feed, and since when (its address is shown only when it is made). */
export class CalendarFeedView {
  @ApiProperty({ example: true })
  active!: boolean;

  @ApiPropertyOptional({ example: '2024-03-01T02:00:00.000Z', description: 'When its address was made' })
  createdAt?: string;
}

/** A new calendar feed's address, shown this once: only its token's hash is kept. */
export class CalendarFeedCreatedView {
  @ApiProperty({ example: true })
  active!: true;

  @ApiProperty({ example: '2024-03-01T02:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({
    example: 'https://qms.kontum.gov.vn/api/v1/calendar-feeds/3q2-…/deadlines.ics',
    description:
      'The address to subscribe to (Outlook: Add calendar → From the internet; Google: Other calendars → From URL). Secret, like a password: anyone with it sees the titles and deadlines of your open tasks',
  })
  url!: string;

  @ApiProperty({
    example: 'webcal://qms.kontum.gov.vn/api/v1/calendar-feeds/3q2-…/deadlines.ics',
    description: 'The same address as webcal://, which opens the calendar app to subscribe',
  })
  webcalUrl!: string;
}
