'use strict';
// node --test tasks/test/   (plain Node >= 20, no dependencies)
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const childProcess = require('node:child_process');

const taskSrc = path.join(__dirname, '..', 'AwsTempCredentialsV1');
const launch = require(path.join(taskSrc, 'launch.js'));

const isPosix = process.platform !== 'win32';
const glibc = { family: 'glibc', version: '2.36' };
const musl = { family: 'musl', version: null };

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awstc-launch-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ---- platform selection ---------------------------------------------------------

test('selectRid maps each supported agent to its binary', () => {
  assert.equal(launch.selectRid('linux', 'x64', glibc).rid, 'linux-x64');
  assert.equal(launch.selectRid('linux', 'arm64', glibc).rid, 'linux-arm64');
  assert.equal(launch.selectRid('win32', 'x64').rid, 'win-x64');
  assert.equal(launch.selectRid('darwin', 'arm64').rid, 'osx-arm64');
  assert.equal(launch.selectRid('darwin', 'x64').rid, 'osx-x64');
  assert.deepEqual([...launch.SUPPORTED_RIDS].sort(), ['linux-arm64', 'linux-x64', 'osx-arm64', 'osx-x64', 'win-x64']);
});

test('selectRid runs the x64 binary on Windows on Arm (emulation)', () => {
  assert.equal(launch.selectRid('win32', 'arm64').rid, 'win-x64');
});

test('selectRid refuses unsupported platforms with a clear message', () => {
  for (const [platform, arch] of [
    ['linux', 'ia32'],
    ['linux', 'arm'],
    ['linux', 's390x'],
    ['win32', 'ia32'],
    ['darwin', 'ppc64'],
    ['freebsd', 'x64'],
    ['aix', 'ppc64'],
  ]) {
    const r = launch.selectRid(platform, arch, glibc);
    assert.equal(r.rid, undefined, `${platform}-${arch}`);
    assert.match(r.error, /does not support/);
    assert.match(r.error, /linux-x64, linux-arm64, win-x64, osx-arm64, osx-x64/);
  }
});

test('selectRid refuses musl-based Linux (Alpine containers)', () => {
  for (const arch of ['x64', 'arm64']) {
    const r = launch.selectRid('linux', arch, () => musl);
    assert.equal(r.rid, undefined);
    assert.match(r.error, /musl/);
    assert.match(r.error, /Alpine/);
    assert.match(r.error, /glibc/);
  }
});

test('selectRid only looks up the C library on Linux', () => {
  const boom = () => {
    throw new Error('libc looked up');
  };
  assert.equal(launch.selectRid('win32', 'x64', boom).rid, 'win-x64');
  assert.equal(launch.selectRid('darwin', 'arm64', boom).rid, 'osx-arm64');
});

test('binaryPath adds .exe on Windows only', () => {
  assert.equal(launch.binaryPath('/t', 'linux-x64'), path.join('/t', 'bin', 'linux-x64', 'aws-temp-credentials'));
  assert.equal(launch.binaryPath('/t', 'osx-arm64'), path.join('/t', 'bin', 'osx-arm64', 'aws-temp-credentials'));
  assert.equal(launch.binaryPath('/t', 'win-x64'), path.join('/t', 'bin', 'win-x64', 'aws-temp-credentials.exe'));
});

// ---- musl detection ------------------------------------------------------------------

test('detectLibc: the diagnostic report names glibc', () => {
  const r = launch.detectLibc({ getReport: () => ({ header: { glibcVersionRuntime: '2.35' } }), exists: () => true });
  assert.deepEqual(r, { family: 'glibc', version: '2.35' });
});

test('detectLibc: a report without a glibc version means musl', () => {
  const r = launch.detectLibc({ getReport: () => ({ header: { osName: 'Linux' } }), exists: () => false, lddVersion: () => '' });
  assert.deepEqual(r, musl);
});

test('detectLibc: without a report, /etc/alpine-release means musl', () => {
  const seen = [];
  const r = launch.detectLibc({
    getReport: null,
    exists: (p) => {
      seen.push(p);
      return p === '/etc/alpine-release';
    },
    lddVersion: () => 'ldd (GNU libc) 2.36',
  });
  assert.deepEqual(r, musl);
  assert.deepEqual(seen, ['/etc/alpine-release']);
});

test('detectLibc: without a report, falls back to ldd --version', () => {
  const noAlpine = () => false;
  assert.deepEqual(
    launch.detectLibc({ getReport: () => null, exists: noAlpine, lddVersion: () => 'musl libc (x86_64)\nVersion 1.2.4\n' }),
    musl,
  );
  assert.deepEqual(
    launch.detectLibc({
      getReport: () => {
        throw new Error('no report');
      },
      exists: noAlpine,
      lddVersion: () => 'ldd (Debian GLIBC 2.36-9+deb12u4) 2.36\nCopyright (C) 2022\n',
    }),
    { family: 'glibc', version: '2.36' },
  );
  assert.deepEqual(launch.detectLibc({ getReport: null, exists: noAlpine, lddVersion: () => '' }), {
    family: 'unknown',
    version: null,
  });
});

test('detectLibc on this machine agrees with Node itself', { skip: process.platform !== 'linux' }, () => {
  const header = process.report.getReport().header;
  const r = launch.detectLibc();
  assert.equal(r.family, header.glibcVersionRuntime ? 'glibc' : 'musl');
});

test('libcFromLddScript reads glibc\'s ldd script and musl\'s loader; null when it cannot tell', () => {
  const glibcLdd = "#! /bin/bash\n# This file is part of the GNU C Library.\n    echo 'ldd (Debian GLIBC 2.36-9+deb12u14) 2.36'\n";
  assert.deepEqual(launch.libcFromLddScript(glibcLdd), { family: 'glibc', version: '2.36' });
  assert.deepEqual(launch.libcFromLddScript('\x7fELF... /lib/ld-musl-x86_64.so.1 musl libc'), musl);
  assert.equal(launch.libcFromLddScript('#!/bin/sh\necho something else'), null);
  assert.equal(launch.libcFromLddScript(''), null);
  assert.deepEqual(
    launch.detectLibcQuickly({ readLdd: () => { throw new Error('ENOENT'); }, getReport: () => ({ header: { glibcVersionRuntime: '2.39' } }) }),
    { family: 'glibc', version: '2.39' },
  );
});

test('detectLibcQuickly on this machine agrees with Node itself', { skip: process.platform !== 'linux' }, () => {
  const header = process.report.getReport().header;
  const r = launch.detectLibcQuickly();
  assert.equal(r.family, header.glibcVersionRuntime ? 'glibc' : 'musl');
  if (header.glibcVersionRuntime) assert.equal(r.version, header.glibcVersionRuntime);
});

test('checkRequirements refuses an older glibc than the binary needs', () => {
  const manifest = { glibc: '2.34' };
  assert.equal(launch.checkRequirements(null, glibc), null, 'no binary.json: no check');
  assert.equal(launch.checkRequirements({}, { family: 'glibc', version: '2.17' }), null);
  assert.equal(launch.checkRequirements(manifest, { family: 'glibc', version: '2.34' }), null);
  assert.equal(launch.checkRequirements(manifest, { family: 'glibc', version: '2.39' }), null);
  assert.equal(launch.checkRequirements(manifest, { family: 'unknown', version: null }), null);
  assert.match(
    launch.checkRequirements(manifest, { family: 'glibc', version: '2.31' }),
    /needs glibc 2\.34 or later.*has glibc 2\.31/,
  );
  assert.equal(launch.compareVersions('2.4', '2.34') < 0, true);
  assert.equal(launch.compareVersions('2.34.1', '2.34'), 1);
});

test('readManifest reads bin/<rid>/binary.json, null when absent or broken', (t) => {
  const dir = tempDir(t);
  assert.equal(launch.readManifest(dir), null);
  fs.writeFileSync(path.join(dir, 'binary.json'), '{ "glibc": "2.34", "size": 3 }');
  assert.deepEqual(launch.readManifest(dir), { glibc: '2.34', size: 3 });
  fs.writeFileSync(path.join(dir, 'binary.json'), '{ nope');
  assert.equal(launch.readManifest(dir), null);
});

// ---- unpacking the Brotli-compressed binary the .vsix carries -------------------------

const zlib = require('node:zlib');
const crypto = require('node:crypto');

function packedTask(t, rid, content, manifest) {
  const dir = tempDir(t);
  const exe = launch.binaryPath(dir, rid);
  fs.mkdirSync(path.dirname(exe), { recursive: true });
  fs.writeFileSync(`${exe}.br`, zlib.brotliCompressSync(content));
  if (manifest) fs.writeFileSync(path.join(path.dirname(exe), 'binary.json'), JSON.stringify(manifest));
  return { dir, exe };
}

test('resolveBinary unpacks <exe>.br once, checked against binary.json', (t) => {
  const content = Buffer.from('#!/bin/sh\nexit 0\n'.repeat(1000));
  const sha = crypto.createHash('sha256').update(content).digest('hex');
  const { dir, exe } = packedTask(t, 'linux-x64', content, { size: content.length, sha256: sha, brotli: 'aws-temp-credentials.br' });
  const r = launch.resolveBinary(dir, 'linux-x64');
  assert.deepEqual(r, { file: exe });
  assert.deepEqual(fs.readFileSync(exe), content);
  if (isPosix) assert.equal(fs.statSync(exe).mode & 0o777, 0o755);
  assert.deepEqual(fs.readdirSync(path.dirname(exe)).sort(), ['aws-temp-credentials', 'aws-temp-credentials.br', 'binary.json']);
  // Second run: the unpacked file is used as it is.
  fs.rmSync(`${exe}.br`);
  const again = launch.resolveBinary(dir, 'linux-x64');
  assert.equal(again.file, exe);
  assert.equal(again.stat.size, 17000, 'an executable already unpacked comes with its stat, for ensureExecutable');
});

test('resolveBinary unpacks without binary.json too, and names .exe on Windows', (t) => {
  const content = Buffer.from('MZ fake');
  const { dir, exe } = packedTask(t, 'win-x64', content, null);
  assert.deepEqual(launch.resolveBinary(dir, 'win-x64'), { file: exe });
  assert.ok(exe.endsWith('aws-temp-credentials.exe'));
  assert.deepEqual(fs.readFileSync(exe), content);
});

test('resolveBinary refuses a damaged .br (size, hash, or not Brotli at all)', (t) => {
  const content = Buffer.from('binary');
  let p = packedTask(t, 'osx-arm64', content, { size: 99 });
  assert.match(launch.resolveBinary(p.dir, 'osx-arm64').error, /damaged.*6 bytes, expected 99/);
  assert.equal(fs.existsSync(p.exe), false);

  p = packedTask(t, 'osx-arm64', content, { sha256: 'ab'.repeat(32) });
  assert.match(launch.resolveBinary(p.dir, 'osx-arm64').error, /damaged.*SHA-256 mismatch/);
  assert.equal(fs.existsSync(p.exe), false);

  p = packedTask(t, 'osx-arm64', content, null);
  fs.writeFileSync(`${p.exe}.br`, 'this is not brotli data at all, just text');
  assert.match(launch.resolveBinary(p.dir, 'osx-arm64').error, /damaged/);
});

test('resolveBinary unpacks into the temp directory when the task folder is read-only', (t) => {
  const content = Buffer.from('#!/bin/sh\nexit 0\n');
  const { dir, exe } = packedTask(t, 'linux-arm64', content, null);
  const tmp = tempDir(t);
  const r = launch.resolveBinary(dir, 'linux-arm64', {
    tempDir: tmp,
    writeFileSync: () => {
      throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
    },
  });
  assert.ok(r.file.startsWith(tmp + path.sep), r.file);
  assert.deepEqual(fs.readFileSync(r.file), content);
  assert.equal(fs.existsSync(exe), false);
  assert.deepEqual(fs.readdirSync(path.dirname(exe)).sort(), ['aws-temp-credentials.br']);
});

test('resolveBinary reports a missing executable', (t) => {
  const dir = tempDir(t);
  assert.match(launch.resolveBinary(dir, 'linux-x64').error, /linux-x64 executable is missing/);
});

// ---- logging commands -------------------------------------------------------------------

test('failureCommands prints logissue and complete, escaped, one line each', () => {
  const out = launch.failureCommands('50% broken\r\nsecond line');
  assert.equal(
    out,
    '##vso[task.logissue type=error]50%AZP25 broken%0D%0Asecond line\n' +
      '##vso[task.complete result=Failed;]50%AZP25 broken%0D%0Asecond line\n',
  );
});

// ---- execute bit --------------------------------------------------------------------------

test('ensureExecutable restores the execute bit the vsix zip dropped', { skip: !isPosix }, (t) => {
  const dir = tempDir(t);
  const f = path.join(dir, 'aws-temp-credentials');
  fs.writeFileSync(f, '#!/bin/sh\nexit 0\n');
  fs.chmodSync(f, 0o644);
  assert.equal(launch.ensureExecutable(f), f);
  assert.equal(fs.statSync(f).mode & 0o777, 0o755);

  fs.chmodSync(f, 0o600);
  launch.ensureExecutable(f);
  assert.equal(fs.statSync(f).mode & 0o777, 0o700);

  let calls = 0;
  launch.ensureExecutable(f, {
    chmodSync: () => {
      calls++;
    },
  });
  assert.equal(calls, 0, 'already executable: left alone');
});

test('ensureExecutable copies the binary to the temp directory when the task folder is read-only', { skip: !isPosix }, (t) => {
  const dir = tempDir(t);
  const tmp = tempDir(t);
  const f = path.join(dir, 'aws-temp-credentials');
  fs.writeFileSync(f, '#!/bin/sh\nexit 0\n');
  fs.chmodSync(f, 0o644);
  const copy = launch.ensureExecutable(f, {
    tempDir: tmp,
    chmodSync: () => {
      throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
    },
  });
  assert.notEqual(copy, f);
  assert.ok(copy.startsWith(tmp + path.sep));
  assert.equal(fs.readFileSync(copy, 'utf8'), fs.readFileSync(f, 'utf8'));
  assert.equal(fs.statSync(copy).mode & 0o777, 0o700);
  assert.equal(fs.statSync(f).mode & 0o777, 0o644);
});

test('ensureExecutable leaves Windows binaries alone', (t) => {
  const dir = tempDir(t);
  const f = path.join(dir, 'aws-temp-credentials.exe');
  fs.writeFileSync(f, 'MZ');
  fs.chmodSync(f, 0o644);
  launch.ensureExecutable(f, { platform: 'win32' });
  if (isPosix) assert.equal(fs.statSync(f).mode & 0o777, 0o644);
});

// ---- main(), in process -------------------------------------------------------------------

function capture() {
  const chunks = [];
  return { write: (s) => chunks.push(s), text: () => chunks.join('') };
}

test('main fails the task on an unsupported platform', async () => {
  const out = capture();
  const r = await launch.main(['azure-devops', 'run'], { platform: 'sunos', arch: 'x64', write: out.write, taskDir: '/nowhere' });
  assert.equal(r.code, 1);
  assert.match(out.text(), /^##vso\[task\.logissue type=error\]This task does not support sunos/m);
  assert.match(out.text(), /^##vso\[task\.complete result=Failed;\]This task does not support sunos/m);
});

// ---- the GitHub JavaScript action runs the same launcher --------------------------------------

test('hostFor: the first argument picks the front end, Azure DevOps by default', () => {
  assert.equal(launch.hostFor(['github', 'run']).noun, 'action');
  assert.equal(launch.hostFor(['github', 'post']).tempVariable, 'RUNNER_TEMP');
  assert.equal(launch.hostFor(['azure-devops', 'run']).noun, 'task');
  assert.equal(launch.hostFor([]).tempVariable, 'AGENT_TEMPDIRECTORY');
});

test('GitHub: failures are one ::error:: workflow command, escaped, never a logging command', async () => {
  const out = capture();
  const r = await launch.main(['github', 'run'], { platform: 'sunos', arch: 'x64', write: out.write, taskDir: '/nowhere' });
  assert.equal(r.code, 1);
  assert.match(out.text(), /^::error title=aws-temp-credentials::This action does not support sunos \(x64\)\. Supported runners: /);
  assert.doesNotMatch(out.text(), /##vso/);
  assert.equal(out.text().split('\n').filter(Boolean).length, 1);
  assert.equal(launch.escapeWorkflowData('50% a\r\nb'), '50%25 a%0D%0Ab');
});

test('GitHub: Alpine job containers and a missing binary are named in the runner\'s terms', async (t) => {
  const out = capture();
  assert.equal((await launch.main(['github', 'run'], { platform: 'linux', arch: 'arm64', libc: () => musl, write: out.write })).code, 1);
  assert.match(out.text(), /^::error title=aws-temp-credentials::This action does not support musl-based Linux/m);
  const missing = capture();
  const dir = tempDir(t);
  assert.equal((await launch.main(['github', 'run'], { platform: 'win32', arch: 'x64', taskDir: dir, write: missing.write })).code, 1);
  assert.match(missing.text(), /^::error title=aws-temp-credentials::The action's win-x64 executable is missing .*release of the JavaScript action/m);
});

test('main fails the task in a musl (Alpine) container', async () => {
  const out = capture();
  const r = await launch.main(['azure-devops', 'run'], { platform: 'linux', arch: 'x64', libc: () => musl, write: out.write });
  assert.equal(r.code, 1);
  assert.match(out.text(), /##vso\[task\.complete result=Failed;\].*musl/);
});

test('main fails the task when the binary is missing', async (t) => {
  const dir = tempDir(t);
  const out = capture();
  const r = await launch.main(['azure-devops', 'run'], { platform: 'darwin', arch: 'arm64', taskDir: dir, write: out.write });
  assert.equal(r.code, 1);
  assert.match(out.text(), /##vso\[task\.logissue type=error\]The task's osx-arm64 executable is missing/);
  assert.match(out.text(), /##vso\[task\.complete result=Failed;\]/);
});

test('main fails the task when the agent glibc is older than the binary needs', async (t) => {
  const dir = tempDir(t);
  fs.mkdirSync(path.join(dir, 'bin', 'linux-x64'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'bin', 'linux-x64', 'aws-temp-credentials'), '#!/bin/sh\nexit 0\n');
  fs.writeFileSync(path.join(dir, 'bin', 'linux-x64', 'binary.json'), '{"glibc":"2.34"}');
  const out = capture();
  let spawned = false;
  const r = await launch.main(['azure-devops', 'run'], {
    platform: 'linux',
    arch: 'x64',
    libc: () => ({ family: 'glibc', version: '2.28' }),
    taskDir: dir,
    write: out.write,
    spawn: () => {
      spawned = true;
      throw new Error('should not start');
    },
  });
  assert.equal(r.code, 1);
  assert.equal(spawned, false);
  assert.match(out.text(), /needs glibc 2\.34 or later/);
});

test('main spawns the binary directly, without a shell, with the given arguments', async (t) => {
  const dir = tempDir(t);
  const exe = path.join(dir, 'bin', 'win-x64', 'aws-temp-credentials.exe');
  fs.mkdirSync(path.dirname(exe), { recursive: true });
  fs.writeFileSync(exe, 'MZ');
  const calls = [];
  const { EventEmitter } = require('node:events');
  const r = await launch.main(['azure-devops', 'post'], {
    platform: 'win32',
    arch: 'x64',
    taskDir: dir,
    write: () => {},
    spawn: (file, args, options) => {
      calls.push({ file, args, options });
      const child = new EventEmitter();
      child.kill = () => {};
      setImmediate(() => child.emit('exit', 5, null));
      return child;
    },
  });
  assert.deepEqual(r, { code: 5, signal: null });
  assert.equal(calls.length, 1);
  assert.equal(calls[0].file, exe);
  assert.deepEqual(calls[0].args, ['azure-devops', 'post']);
  assert.equal(calls[0].options.shell, false);
  assert.equal(calls[0].options.stdio, 'inherit');
  assert.equal(calls[0].options.env, process.env);
});

test('main reports a binary that cannot be started', { skip: !isPosix }, async (t) => {
  const dir = tempDir(t);
  const rid = launch.selectRid(process.platform, process.arch, () => glibc).rid;
  const exe = launch.binaryPath(dir, rid);
  fs.mkdirSync(exe, { recursive: true }); // exists, but a directory: spawn fails with EACCES
  const out = capture();
  const r = await launch.main(['azure-devops', 'run'], { libc: () => glibc, taskDir: dir, write: out.write });
  assert.equal(r.code, 1);
  assert.match(out.text(), /##vso\[task\.complete result=Failed;\]Cannot start /);
});

// ---- launcher.js and post.js as the agent runs them ----------------------------------------

const hostRid = (() => {
  const r = launch.selectRid(process.platform, process.arch, () => launch.detectLibc());
  return r.rid && !r.rid.startsWith('win-') ? r.rid : null;
})();
const processTests = { skip: hostRid ? false : 'needs a Linux (glibc) or macOS host' };

/**
 * A task folder like the one the agent unpacks: launcher.js, post.js, launch.js
 * and bin/<rid>/aws-temp-credentials without its execute bit. The fake binary is
 * a Node script (a shebang, no shell) that records its arguments and environment.
 */
function fakeTask(t, body) {
  const dir = tempDir(t);
  for (const f of ['launcher.js', 'post.js', 'launch.js', 'task.json']) {
    fs.copyFileSync(path.join(taskSrc, f), path.join(dir, f));
  }
  const exe = launch.binaryPath(dir, hostRid);
  fs.mkdirSync(path.dirname(exe), { recursive: true });
  fs.writeFileSync(exe, body);
  fs.chmodSync(exe, 0o644);
  return { dir, exe };
}

const recorder = `#!${process.execPath}
const fs = require('fs');
const out = process.env.FAKE_OUT;
if (out) fs.writeFileSync(out, JSON.stringify({ argv: process.argv.slice(2), env: process.env }));
process.stdout.write('stdout from the fake binary\\n');
process.stderr.write('stderr from the fake binary\\n');
if (process.env.FAKE_SIGNAL) process.kill(process.pid, process.env.FAKE_SIGNAL);
else process.exit(Number(process.env.FAKE_EXIT || 0));
`;

function runNode(script, env) {
  return childProcess.spawnSync(process.execPath, [script], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30000,
  });
}

test('launcher.js runs `azure-devops run`, restores the execute bit, passes stdio and exit code', processTests, (t) => {
  const { dir, exe } = fakeTask(t, recorder);
  const outFile = path.join(dir, 'seen.json');
  const r = runNode(path.join(dir, 'launcher.js'), { FAKE_OUT: outFile, FAKE_EXIT: '7' });
  assert.equal(r.status, 7, r.stderr);
  assert.match(r.stdout, /stdout from the fake binary/);
  assert.match(r.stderr, /stderr from the fake binary/);
  assert.deepEqual(JSON.parse(fs.readFileSync(outFile, 'utf8')).argv, ['azure-devops', 'run']);
  assert.equal(fs.statSync(exe).mode & 0o111, 0o111);
});

test('post.js runs `azure-devops post` and exits 0 when the binary does', processTests, (t) => {
  const { dir } = fakeTask(t, recorder);
  const outFile = path.join(dir, 'seen.json');
  const r = runNode(path.join(dir, 'post.js'), { FAKE_OUT: outFile, FAKE_EXIT: '0' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(fs.readFileSync(outFile, 'utf8')).argv, ['azure-devops', 'post']);
});

test('exit codes pass through unchanged (shell-script fake)', processTests, (t) => {
  for (const code of [0, 1, 2, 8, 42, 125]) {
    const { dir } = fakeTask(t, `#!/bin/sh\nexit ${code}\n`);
    const r = runNode(path.join(dir, 'launcher.js'), {});
    assert.equal(r.status, code);
  }
});

test('variables whose names are not shell names (hyphens) reach the binary', processTests, (t) => {
  const { dir } = fakeTask(t, recorder);
  const outFile = path.join(dir, 'seen.json');
  const id = '4f3a2b1c-9d8e-4f7a-8b6c-5d4e3f2a1b0c';
  const env = {
    FAKE_OUT: outFile,
    [`ENDPOINT_URL_${id}`]: 'https://sts.amazonaws.com',
    [`ENDPOINT_AUTH_PARAMETER_${id}_USERNAME`]: 'AKIDEXAMPLE',
    'INPUT_AWS-REGION': 'eu-west-1',
    INPUT_AWSREGION: 'eu-west-2',
  };
  const r = runNode(path.join(dir, 'launcher.js'), env);
  assert.equal(r.status, 0, r.stderr);
  const seen = JSON.parse(fs.readFileSync(outFile, 'utf8')).env;
  for (const [k, v] of Object.entries(env)) assert.equal(seen[k], v, k);
});

test('a binary killed by a signal takes the launcher down with the same signal', processTests, (t) => {
  const { dir } = fakeTask(t, recorder);
  const r = runNode(path.join(dir, 'launcher.js'), { FAKE_SIGNAL: 'SIGTERM' });
  assert.equal(r.status, null);
  assert.equal(r.signal, 'SIGTERM');
  assert.match(r.stdout, /^##vso\[task\.logissue type=error\]aws-temp-credentials ended with signal SIGTERM\.$/m);
});

test('cancellation: SIGINT/SIGTERM sent to the launcher are passed on to the binary', processTests, async (t) => {
  for (const sig of ['SIGINT', 'SIGTERM']) {
    const waiter = `#!${process.execPath}
const fs = require('fs');
process.on('${sig}', () => { fs.writeFileSync(process.env.FAKE_OUT, 'got ${sig}'); process.exit(42); });
fs.writeFileSync(process.env.FAKE_READY, 'ready');
setInterval(() => {}, 1000);
`;
    const { dir } = fakeTask(t, waiter);
    const outFile = path.join(dir, 'signal.txt');
    const ready = path.join(dir, 'ready.txt');
    const child = childProcess.spawn(process.execPath, [path.join(dir, 'launcher.js')], {
      env: { ...process.env, FAKE_OUT: outFile, FAKE_READY: ready },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    const deadline = Date.now() + 20000;
    while (!fs.existsSync(ready)) {
      assert.ok(Date.now() < deadline, 'fake binary did not start');
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill(sig);
    const { code, signal } = await exited;
    assert.equal(signal, null);
    assert.equal(code, 42);
    assert.equal(fs.readFileSync(outFile, 'utf8'), `got ${sig}`);
  }
});

test('launcher.js unpacks the Brotli-compressed binary of the .vsix and runs it', processTests, (t) => {
  const { dir, exe } = fakeTask(t, recorder);
  fs.writeFileSync(`${exe}.br`, zlib.brotliCompressSync(fs.readFileSync(exe)));
  fs.rmSync(exe);
  const outFile = path.join(dir, 'seen.json');
  const r = runNode(path.join(dir, 'launcher.js'), { FAKE_OUT: outFile, FAKE_EXIT: '3' });
  assert.equal(r.status, 3, r.stderr);
  assert.deepEqual(JSON.parse(fs.readFileSync(outFile, 'utf8')).argv, ['azure-devops', 'run']);
  assert.ok(fs.existsSync(exe));
});

test('launcher.js fails the task with logging commands when the binary is missing', processTests, (t) => {
  const { dir, exe } = fakeTask(t, recorder);
  fs.rmSync(exe);
  const r = runNode(path.join(dir, 'launcher.js'), {});
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^##vso\[task\.logissue type=error\]The task's .* executable is missing/m);
  assert.match(r.stdout, /^##vso\[task\.complete result=Failed;\]/m);
});
