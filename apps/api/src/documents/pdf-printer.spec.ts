import { againIfRefused } from './pdf-printer';

/** A capture that chromium refuses `refusals` times, then takes; counts the asks. */
function capture(
  refusals: number,
  error = 'page.screenshot: Protocol error (Page.captureScreenshot): Unable to capture screenshot',
) {
  let asked = 0;
  return {
    take: async () => {
      asked++;
      if (asked <= refusals) throw new Error(error);
      return Buffer.from('png');
    },
    asked: () => asked,
  };
}

describe("a chart's capture for the DOCX", () => {
  it('asks chromium again when it refuses a capture now and then, and gets the picture', async () => {
    const refusedTwice = capture(2);
    await expect(againIfRefused(refusedTwice.take, 3, 0)).resolves.toEqual(Buffer.from('png'));
    expect(refusedTwice.asked()).toBe(3);
  });

  it('lets the refusal stand once asked as often as it may be', async () => {
    const alwaysRefused = capture(5);
    await expect(againIfRefused(alwaysRefused.take, 3, 0)).rejects.toThrow('Unable to capture screenshot');
    expect(alwaysRefused.asked()).toBe(3);
  });

  it('does not ask again after any other error', async () => {
    const closed = capture(1, 'Target page, context or browser has been closed');
    await expect(againIfRefused(closed.take, 3, 0)).rejects.toThrow('has been closed');
    expect(closed.asked()).toBe(1);
  });
});
