'use strict';
// Provisions the two real Temporal servers qcycle runs on, idempotently, into the git-ignored .tools/:
//  - the dev server: the `temporal` CLI, built from the Go module proxy;
//  - the time-skipping test server: the Maven artifact io.temporal:temporal-test-server behind a
//    small executable wrapper that @temporalio/testing starts as an 'existing-path' executable.
// The SDK's own download of these servers needs a site this project cannot count on, so we build them.
const { existsSync, mkdirSync, writeFileSync, chmodSync, readdirSync } = require('node:fs');
const { join, delimiter } = require('node:path');
const { execFileSync } = require('node:child_process');
const { root } = require('./ensure-deps.cjs');

const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
// Later tags carry a `replace` directive that `go install` refuses.
const TEMPORAL_CLI_VERSION = 'v1.5.1';
const TEST_SERVER_VERSION = '1.38.0';
const toolsDir = process.env.QCYCLE_TOOLS_DIR || join(root, '.tools');

function onPath(command) {
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function log(message) {
  console.log(`[qcycle] ${message}`);
}

/**
 * The `temporal` CLI, in this order: $TEMPORAL_CLI → `temporal` on PATH → the cached build →
 * a fresh build with Go. Throws with instructions when none of them is possible.
 */
function resolveTemporalCli() {
  if (process.env.TEMPORAL_CLI) {
    if (!existsSync(process.env.TEMPORAL_CLI))
      throw new Error(`TEMPORAL_CLI=${process.env.TEMPORAL_CLI} does not exist`);
    return process.env.TEMPORAL_CLI;
  }
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;

  const binDir = join(toolsDir, 'temporal-cli', TEMPORAL_CLI_VERSION);
  const cached = join(binDir, 'temporal');
  if (existsSync(cached)) return cached;

  const go = onPath('go');
  if (!go) {
    throw new Error(
      'The Temporal dev server (`temporal` CLI) is missing and Go is not installed to build it.\n' +
        `  Either install Go and run this again (it runs: go install ${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}),\n` +
        '  or install the CLI yourself (https://docs.temporal.io/cli) and put it on PATH or in TEMPORAL_CLI.\n' +
        '  On a machine with internet access, `npx @temporalio/testing` style downloads by the SDK also serve.',
    );
  }
  mkdirSync(binDir, { recursive: true });
  const started = Date.now();
  log(
    `building the Temporal dev server: go install ${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION} (first time only, a few minutes)…`,
  );
  execFileSync(go, ['install', `${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`], {
    stdio: 'inherit',
    env: { ...process.env, GOBIN: binDir, GOFLAGS: `${process.env.GOFLAGS || ''} -buildvcs=false`.trim() },
  });
  log(`temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s → ${cached}`);
  return cached;
}

const TEST_SERVER_POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>qcycle.tools</groupId>
  <artifactId>temporal-test-server-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${TEST_SERVER_VERSION}</version>
    </dependency>
  </dependencies>
</project>
`;

/**
 * An executable that starts the Java time-skipping test server: `<wrapper> <port>`.
 * $TEMPORAL_TEST_SERVER → the cached build → a fresh `mvn dependency:copy-dependencies`.
 */
function resolveTestServer() {
  if (process.env.TEMPORAL_TEST_SERVER) {
    if (!existsSync(process.env.TEMPORAL_TEST_SERVER)) {
      throw new Error(`TEMPORAL_TEST_SERVER=${process.env.TEMPORAL_TEST_SERVER} does not exist`);
    }
    return process.env.TEMPORAL_TEST_SERVER;
  }
  const dir = join(toolsDir, 'temporal-test-server', TEST_SERVER_VERSION);
  const wrapper = join(dir, 'temporal-test-server');
  const libDir = join(dir, 'lib');
  const complete =
    existsSync(wrapper) &&
    existsSync(libDir) &&
    readdirSync(libDir).some((f) => f.startsWith('temporal-test-server-'));
  if (complete) return wrapper;

  const mvn = onPath('mvn');
  const java = onPath('java');
  if (!mvn || !java) {
    throw new Error(
      'The Temporal time-skipping test server is missing and Java 17 with Maven is needed to fetch it\n' +
        `  (Maven Central: io.temporal:temporal-test-server:${TEST_SERVER_VERSION}). Install them, or point\n` +
        '  TEMPORAL_TEST_SERVER at an executable that starts the test server on the port it is given.',
    );
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pom.xml'), TEST_SERVER_POM);
  const started = Date.now();
  log(`fetching the Temporal time-skipping test server ${TEST_SERVER_VERSION} from Maven Central…`);
  execFileSync(
    mvn,
    ['-q', '-B', '-Dstyle.color=never', 'dependency:copy-dependencies', `-DoutputDirectory=${libDir}`],
    { cwd: dir, stdio: 'inherit' },
  );
  // The SDK runs `<wrapper> <port>`; exec keeps the JVM as the process the SDK stops.
  writeFileSync(
    wrapper,
    '#!/bin/sh\n' +
      '# Generated by scripts/lib/temporal-tools.cjs: starts the Temporal time-skipping test server.\n' +
      'here="$(cd "$(dirname "$0")" && pwd)"\n' +
      'exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp "$here/lib/*" io.temporal.testserver.TestServer "$@"\n',
  );
  chmodSync(wrapper, 0o755);
  log(`test server ready in ${Math.round((Date.now() - started) / 1000)} s → ${wrapper}`);
  return wrapper;
}

module.exports = {
  resolveTemporalCli,
  resolveTestServer,
  toolsDir,
  TEMPORAL_CLI_VERSION,
  TEST_SERVER_VERSION,
};
