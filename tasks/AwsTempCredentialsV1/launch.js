'use strict';
// The launcher of the one native executable, shared by both Node front ends:
//   - the Azure DevOps task (launcher.js: main step, post.js: post-job step), and
//   - the GitHub JavaScript action (action/node/main.js and post.js; the release
//     packaging copies this very file next to them, see tasks/build-github-action.sh).
//
// Picks bin/<rid>/aws-temp-credentials[.exe] for this machine (unpacking it once
// from aws-temp-credentials[.exe].br, the Brotli-compressed form the packages
// carry to stay small), restores its execute bit (the .vsix zip drops it) and
// runs it directly, with no shell in between: the agent and the runner pass
// variables such as ENDPOINT_URL_<guid-with-hyphens> and INPUT_AWS-REGION whose
// names a shell (dash) would drop. stdio and environment are inherited; the
// child's exit code (or the signal that ended it) becomes ours.
//
// The host is the executable's first argument ('azure-devops' or 'github'): it
// decides how a launcher failure is reported (logging commands or workflow
// commands), which temp directory to fall back on and what the messages call
// the package.
//
// Plain Node.js >= 20, no dependencies: neither azure-pipelines-task-lib nor
// @actions/core is loaded.

// Only fs and path are loaded up front: the step's time is mostly Node's start, and
// the other modules (zlib and crypto only unpack, os only words a fallback) are
// loaded where they are used.
const fs = require('fs');
const path = require('path');

const lazy = (name) => {
  let loaded;
  return () => loaded || (loaded = require(name));
};
const os = lazy('os');
const childProcess = lazy('child_process');
const crypto = lazy('crypto');
const zlib = lazy('zlib');

const EXE_NAME = 'aws-temp-credentials';

/** Platforms whose binaries the extension ships. */
const SUPPORTED_RIDS = Object.freeze(['linux-x64', 'linux-arm64', 'win-x64', 'osx-arm64', 'osx-x64']);

/** Escapes a logging command's message as azure-pipelines-task-lib's node/taskcommand.ts does (the agent unescapes it). */
function escapeData(text) {
  return String(text).replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The two logging commands that fail the task, one line each. */
function failureCommands(message) {
  const m = escapeData(message);
  return `##vso[task.logissue type=error]${m}\n##vso[task.complete result=Failed;]${m}\n`;
}

/** Escapes a GitHub Actions workflow command's message (as @actions/core's escapeData). */
function escapeWorkflowData(text) {
  return String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * What differs between the two front ends. `failure` fails the step (the exit
 * code does the rest), `issue` reports without failing, `tempVariable` names
 * the job's temp directory, `noun` and `reinstall` word the messages.
 */
const HOSTS = Object.freeze({
  'azure-devops': Object.freeze({
    noun: 'task',
    machine: 'agent',
    failure: failureCommands,
    issue: (message) => `##vso[task.logissue type=error]${escapeData(message)}\n`,
    tempVariable: 'AGENT_TEMPDIRECTORY',
    reinstall: 'Reinstall the extension, or rebuild it with tasks/build-vsix.sh.',
  }),
  github: Object.freeze({
    noun: 'action',
    machine: 'runner',
    failure: (message) => `::error title=aws-temp-credentials::${escapeWorkflowData(message)}\n`,
    issue: (message) => `::error title=aws-temp-credentials::${escapeWorkflowData(message)}\n`,
    tempVariable: 'RUNNER_TEMP',
    reinstall:
      'Use a release of the JavaScript action (a tag such as node-v1: the source branch holds no binaries), ' +
      'or package it with tasks/build-github-action.sh.',
  }),
});

/** The host a command line is for: its first argument, Azure DevOps by default. */
function hostFor(args) {
  return HOSTS[(args && args[0]) || ''] || HOSTS['azure-devops'];
}

/**
 * Which C library this Linux system's Node.js runs on: { family, version } with
 * family 'glibc', 'musl' or 'unknown'. Node's diagnostic report names the glibc
 * version only when the process runs on glibc; Alpine (musl) has none. Without a
 * report, fall back to /etc/alpine-release and `ldd --version`.
 */
function detectLibc(deps = {}) {
  const getReport = deps.getReport !== undefined ? deps.getReport : defaultGetReport;
  const exists = deps.exists || fs.existsSync;
  const lddVersion = deps.lddVersion !== undefined ? deps.lddVersion : defaultLddVersion;

  let report = null;
  try {
    report = getReport ? getReport() : null;
  } catch {
    report = null;
  }
  if (report && report.header) {
    const glibc = report.header.glibcVersionRuntime;
    return typeof glibc === 'string' && glibc.length > 0
      ? { family: 'glibc', version: glibc }
      : { family: 'musl', version: null };
  }
  if (exists('/etc/alpine-release')) return { family: 'musl', version: null };
  const ldd = lddVersion ? lddVersion() : '';
  if (/musl/i.test(ldd)) return { family: 'musl', version: null };
  if (/glibc|gnu libc|gnu c library/i.test(ldd)) {
    const m = /(\d+\.\d+)\s*$/m.exec(ldd.split('\n')[0] || '');
    return { family: 'glibc', version: m ? m[1] : null };
  }
  return { family: 'unknown', version: null };
}

/**
 * The C library as the ldd script names it: { family, version } or null when the
 * text does not tell. glibc's ldd is a shell script "part of the GNU C Library"
 * that prints "ldd (<distribution> GLIBC <release>) <version>"; musl's ldd is the
 * musl loader itself. Reading it takes well under a millisecond, where Node's
 * diagnostic report takes about 15: the launcher tries it first.
 */
function libcFromLddScript(text) {
  if (typeof text !== 'string' || text.length === 0) return null;
  if (/musl/i.test(text)) return { family: 'musl', version: null };
  if (!/GNU C Library/.test(text)) return null;
  const m = /ldd \(.*\) (\d+\.\d+)['"]/.exec(text);
  return m ? { family: 'glibc', version: m[1] } : null;
}

/** detectLibc, with the ldd script read first (null when it does not tell). */
function detectLibcQuickly(deps = {}) {
  const read = deps.readLdd || (() => fs.readFileSync('/usr/bin/ldd', 'latin1'));
  let found = null;
  try {
    found = libcFromLddScript(read());
  } catch {
    found = null;
  }
  return found || detectLibc(deps);
}

function defaultGetReport() {
  if (!process.report || typeof process.report.getReport !== 'function') return null;
  // Skip the network part of the report (reverse DNS look-ups) where Node has the switch.
  try {
    if ('excludeNetwork' in process.report) process.report.excludeNetwork = true;
  } catch {
    // read-only on some versions: harmless
  }
  return process.report.getReport();
}

function defaultLddVersion() {
  try {
    const r = childProcess().spawnSync('ldd', ['--version'], { encoding: 'utf8', timeout: 5000 });
    return `${r.stdout || ''}${r.stderr || ''}`;
  } catch {
    return '';
  }
}

/** Compares dotted versions numerically: <0, 0 or >0. */
function compareVersions(a, b) {
  const pa = String(a).split('.').map((x) => parseInt(x, 10) || 0);
  const pb = String(b).split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * bin/<rid>/binary.json, written by build-binaries.sh (and build-vsix.sh):
 * { "file", "size", "sha256" } of the executable, "glibc" (Linux: the newest
 * glibc symbol version it links to, which depends on the build machine) and,
 * in the .vsix, "brotli": the name of its compressed form. Optional: null when
 * absent or unreadable.
 */
function readManifest(binDir) {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(binDir, 'binary.json'), 'utf8'));
    return m && typeof m === 'object' ? m : null;
  } catch {
    return null;
  }
}

/** An error message when this system's glibc is older than the binary needs, else null. */
function checkRequirements(manifest, libc, host = HOSTS['azure-devops']) {
  if (!manifest || !manifest.glibc || !libc || libc.family !== 'glibc' || !libc.version) return null;
  if (compareVersions(libc.version, manifest.glibc) >= 0) return null;
  return (
    `This ${host.noun}'s Linux binary needs glibc ${manifest.glibc} or later, and this ${host.machine} (or job container) has glibc ` +
    `${libc.version}. Use a newer ${host.machine} image or container (e.g. Ubuntu 22.04+, Debian 12+, RHEL 9+).`
  );
}

function sha256(buffer) {
  return crypto().createHash('sha256').update(buffer).digest('hex');
}

/** The job's temp directory (the agent's or the runner's), else the system's. */
function tempRoot(deps = {}) {
  const host = deps.host || HOSTS['azure-devops'];
  return deps.tempDir || process.env[host.tempVariable] || os().tmpdir();
}

/**
 * Writes the unpacked executable next to its .br (renamed into place, so a
 * concurrent unpack or a crash never leaves half a file under the real name);
 * where the task folder is not writable, into a fresh folder of the temp directory.
 */
function installUnpacked(file, content, deps = {}) {
  const writeFile = deps.writeFileSync || fs.writeFileSync;
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFile(tmp, content, { mode: 0o755 });
    try {
      fs.renameSync(tmp, file);
    } catch (err) {
      // Windows: another process unpacked it first and may be running it.
      fs.rmSync(tmp, { force: true });
      if (!fs.existsSync(file)) throw err;
    }
    return file;
  } catch {
    fs.rmSync(tmp, { force: true });
    const dir = fs.mkdtempSync(path.join(tempRoot(deps), 'aws-temp-credentials-'));
    const copy = path.join(dir, path.basename(file));
    fs.writeFileSync(copy, content, { mode: 0o700 });
    return copy;
  }
}

/**
 * The executable for rid: bin/<rid>/<exe> when present, else unpacked from
 * bin/<rid>/<exe>.br (checked against binary.json's size and sha256 when
 * given). Returns { file, stat } (stat: when it was there already) or { error }.
 */
function resolveBinary(taskDir, rid, deps = {}) {
  const host = deps.host || HOSTS['azure-devops'];
  const file = binaryPath(taskDir, rid);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat) return { file, stat };
  const binDir = path.dirname(file);
  const manifest = deps.manifest !== undefined ? deps.manifest : readManifest(binDir);
  const packed = path.join(binDir, (manifest && manifest.brotli) || `${path.basename(file)}.br`);
  if (!fs.existsSync(packed)) {
    return {
      error:
        `The ${host.noun}'s ${rid} executable is missing (${file}): the package is incomplete. ${host.reinstall}`,
    };
  }
  let content;
  try {
    content = zlib().brotliDecompressSync(fs.readFileSync(packed));
  } catch (err) {
    return { error: `The ${host.noun}'s ${rid} executable is damaged (${packed}: ${err.message}). ${host.reinstall}` };
  }
  if (manifest && manifest.size !== undefined && content.length !== manifest.size) {
    return { error: `The ${host.noun}'s ${rid} executable is damaged (${packed}: ${content.length} bytes, expected ${manifest.size}). ${host.reinstall}` };
  }
  if (manifest && manifest.sha256 && sha256(content) !== String(manifest.sha256).toLowerCase()) {
    return { error: `The ${host.noun}'s ${rid} executable is damaged (${packed}: SHA-256 mismatch). ${host.reinstall}` };
  }
  try {
    return { file: installUnpacked(file, content, deps) };
  } catch (err) {
    return { error: `Cannot unpack ${packed}: ${err.message}` };
  }
}

/**
 * The runtime identifier of the binary for this agent, or an error message.
 * platform/arch as in process.platform / process.arch; libc only matters on Linux
 * (a function, so that it is only looked up there).
 */
function selectRid(platform, arch, libc, host = HOSTS['azure-devops']) {
  const noun = host.noun;
  const supported = `Supported ${host.machine}s: ${SUPPORTED_RIDS.join(', ')} (Linux with glibc).`;
  switch (platform) {
    case 'linux': {
      if (arch !== 'x64' && arch !== 'arm64') {
        return { error: `This ${noun} does not support Linux on ${arch}. ${supported}` };
      }
      const found = typeof libc === 'function' ? libc() : libc;
      const family = found && typeof found === 'object' ? found.family : found;
      if (family === 'musl') {
        return {
          error:
            `This ${noun} does not support musl-based Linux (e.g. Alpine) such as this job's container: ` +
            `only glibc binaries ship. Run the step on the agent host or in a glibc-based container ` +
            `(Debian, Ubuntu, RHEL, …), or use the command-line build on Alpine. ${supported}`,
        };
      }
      return { rid: `linux-${arch}`, libc: found };
    }
    case 'win32':
      // Windows on Arm runs x64 programs under emulation.
      if (arch === 'x64' || arch === 'arm64') return { rid: 'win-x64' };
      return { error: `This ${noun} does not support Windows on ${arch}. ${supported}` };
    case 'darwin':
      if (arch === 'x64' || arch === 'arm64') return { rid: `osx-${arch}` };
      return { error: `This ${noun} does not support macOS on ${arch}. ${supported}` };
    default:
      return { error: `This ${noun} does not support ${platform} (${arch}). ${supported}` };
  }
}

function binaryPath(taskDir, rid) {
  const exe = rid.startsWith('win-') ? `${EXE_NAME}.exe` : EXE_NAME;
  return path.join(taskDir, 'bin', rid, exe);
}

/**
 * Makes the binary executable: adds the execute bit wherever the read bit is
 * set. When the task folder is not writable (another owner, read-only mount),
 * copies the binary into the agent's temp directory and returns that path.
 * deps.stat: the file's fs.Stats when the caller has them already.
 */
function ensureExecutable(file, deps = {}) {
  const platform = deps.platform || process.platform;
  const chmod = deps.chmodSync || fs.chmodSync;
  if (platform === 'win32') return file;
  const st = deps.stat || fs.statSync(file);
  const mode = st.mode & 0o7777;
  const wanted = mode | ((mode & 0o444) >> 2) | 0o100;
  if (mode === wanted) return file;
  try {
    chmod(file, wanted);
    return file;
  } catch {
    const dir = fs.mkdtempSync(path.join(tempRoot(deps), 'aws-temp-credentials-'));
    const copy = path.join(dir, path.basename(file));
    fs.copyFileSync(file, copy);
    fs.chmodSync(copy, 0o700);
    return copy;
  }
}

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/**
 * Runs the binary with inherited stdio and environment; resolves with
 * { code, signal } once it exits, or { error } when it could not start.
 * While it runs, the signals the agent sends on cancellation are passed on.
 */
function runBinary(file, args, opts = {}) {
  const spawn = opts.spawn || childProcess().spawn;
  const platform = opts.platform || process.platform;
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(file, args, {
        stdio: opts.stdio || 'inherit',
        env: opts.env || process.env,
        shell: false,
        windowsHide: true,
      });
    } catch (error) {
      resolve({ error });
      return;
    }
    const handlers = new Map();
    for (const sig of platform === 'win32' ? ['SIGINT', 'SIGBREAK'] : FORWARDED_SIGNALS) {
      // On Windows the console's Ctrl+C/Ctrl+Break already reach the child, and
      // child.kill() would end it without a chance to clean up: just stay alive.
      const handler = platform === 'win32' ? () => {} : () => {
        try {
          child.kill(sig);
        } catch {
          // already gone
        }
      };
      handlers.set(sig, handler);
      process.on(sig, handler);
    }
    const cleanup = () => {
      for (const [sig, handler] of handlers) process.removeListener(sig, handler);
    };
    child.once('error', (error) => {
      cleanup();
      resolve({ error });
    });
    child.once('exit', (code, signal) => {
      cleanup();
      resolve({ code, signal });
    });
  });
}

/**
 * Everything the launcher does, with its surroundings injectable for tests.
 * Resolves with { code, signal }: the exit status the Node process should take.
 */
async function main(args, deps = {}) {
  const host = hostFor(args);
  const write = deps.write || ((s) => process.stdout.write(s));
  const fail = (message) => {
    write(host.failure(message));
    return { code: 1 };
  };
  const platform = deps.platform || process.platform;
  const arch = deps.arch || process.arch;
  const taskDir = deps.taskDir || __dirname;
  const libc = deps.libc || (() => detectLibcQuickly());

  const selected = selectRid(platform, arch, libc, host);
  if (selected.error) return fail(selected.error);
  const manifest = readManifest(path.dirname(binaryPath(taskDir, selected.rid)));
  const unmet = selected.libc ? checkRequirements(manifest, selected.libc, host) : null;
  if (unmet) return fail(unmet);
  const resolved = resolveBinary(taskDir, selected.rid, { manifest, tempDir: deps.tempDir, host });
  if (resolved.error) return fail(resolved.error);
  let file = resolved.file;
  try {
    file = ensureExecutable(file, { platform, tempDir: deps.tempDir, host, stat: resolved.stat });
  } catch (err) {
    return fail(`Cannot make ${file} executable: ${err.message}`);
  }
  const result = await runBinary(file, args, {
    spawn: deps.spawn,
    env: deps.env,
    stdio: deps.stdio,
    platform,
  });
  if (result.error) return fail(`Cannot start ${file}: ${result.error.message}`);
  if (result.signal) {
    // Not a failure the binary could report itself (a crash, or the agent cancelling the step).
    write(host.issue(`${path.basename(file)} ended with signal ${result.signal}.`));
    return { code: 1, signal: result.signal };
  }
  if (result.code === null) return { code: 1 };
  return { code: result.code, signal: null };
}

/** Entry point of the task's and the action's scripts: run, then leave with the child's status. */
function start(args, deps = {}) {
  main(args, deps).then(
    ({ code, signal }) => {
      if (signal && process.platform !== 'win32') {
        // Die of the same signal, so the agent sees what the child saw.
        process.removeAllListeners(signal);
        try {
          process.kill(process.pid, signal);
        } catch {
          // fall through to the exit code
        }
        process.exitCode = 128 + (os().constants.signals[signal] || 0);
        return;
      }
      process.exitCode = typeof code === 'number' ? code : 1;
    },
    (err) => {
      const host = hostFor(args);
      process.stdout.write(host.failure(`The ${host.noun} launcher failed: ${err && err.stack ? err.stack : err}`));
      process.exitCode = 1;
    },
  );
}

module.exports = {
  EXE_NAME,
  SUPPORTED_RIDS,
  HOSTS,
  hostFor,
  escapeData,
  escapeWorkflowData,
  failureCommands,
  detectLibc,
  detectLibcQuickly,
  libcFromLddScript,
  compareVersions,
  readManifest,
  checkRequirements,
  resolveBinary,
  selectRid,
  binaryPath,
  ensureExecutable,
  runBinary,
  main,
  start,
};
