// Prints one plain closing line, `qcycle: N passed, N failed, N skipped`, after Jest's own summary,
// so CI and humans read the same count whatever reporter they know.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } =
      results;
    const failed = numFailedTests + numRuntimeErrorTestSuites;
    console.log(
      `\nqcycle: ${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped`,
    );
  }
}
module.exports = SummaryReporter;
