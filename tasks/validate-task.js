#!/usr/bin/env node
'use strict';
// Validates the task and the extension manifest before packaging:
//
//   node tasks/validate-task.js [--no-schema]
//
// 1. task.json against tasks/schema/task.schema.json (this project's schema, ajv);
// 2. against the upstream tasks.schema.json of azure-pipelines-task-lib when a copy
//    is present at tasks/schema/upstream/tasks.schema.json (see schema/SOURCE.md);
// 3. the rules tfx adds on top of a schema (input/output names, friendlyName <= 40,
//    instanceNameFormat, execution targets that exist), plus this project's own:
//    groups, visibleRules and pick lists that refer to what exists, the camelCase
//    names the .NET adapter maps to the product's kebab-case options, and
//    vss-extension.json's references (task folder, endpoint type, icons, overview);
// 4. tfx-cli's own task validator, when tfx-cli is installed (npm ci).
//
// The rule checks (3) need no npm package; the schema checks need ajv (npm ci),
// or --no-schema to skip them. Exit code 1 and one line per problem when invalid.

const fs = require('fs');
const path = require('path');

const tasksDir = __dirname;
const repoRoot = path.resolve(tasksDir, '..');
const NAME_RE = /^[A-Za-z][A-Za-z0-9]*$/;

/** The product's kebab-case options the task exposes; the task's input is their camelCase. */
const KEBAB_OPTIONS = [
  'aws-region',
  'role-to-assume',
  'role-session-name',
  'role-duration-seconds',
  'role-chaining',
  'role-external-id',
  'inline-session-policy',
  'managed-session-policies',
  'allowed-account-ids',
  'trust-anchor-arn',
  'profile-arn',
  'certificate',
  'private-key',
  'certificate-chain',
  'private-key-passphrase',
  'pkcs11-uri',
  'pkcs11-module',
  'pkcs11-pin',
  'aws-profile',
  'retry-max-attempts',
  'throttling-budget-s',
  'action-timeout-s',
];
/** Inputs that are the task's own (the adapter handles them), not a product option. */
const TASK_ONLY_INPUTS = [
  'authMethod',
  'keySource',
  'awsServiceConnection',
  'certificateSecureFile',
  'privateKeySecureFile',
  'certificateChainSecureFile',
  'refresh',
  'allowPrivateKeyOnDisk',
  'explain',
  'certificateStore',
  'certificateSelector',
];
const EXPECTED_OUTPUTS = ['awsAccountId', 'authenticatedArn', 'expiration', 'accessKeyId', 'secretAccessKey', 'sessionToken'];
const ENDPOINT_TYPE = 'AwsTempCredentials';

const camelCase = (kebab) => kebab.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

function readJson(file, problems) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`${path.relative(repoRoot, file)}: ${err.message}`);
    return null;
  }
}

/** Variables a visibleRule refers to: the left-hand side of each comparison. */
function ruleVariables(rule) {
  return rule
    .split(/&&|\|\|/)
    .map((clause) => clause.trim().match(/^([A-Za-z][A-Za-z0-9]*)\s*(=|!=|<|>|<=|>=|\s(NotEndsWith|EndsWith|NotContains|Contains|NotStartsWith|StartsWith)\s)/))
    .map((m, i) => (m ? m[1] : { bad: rule.split(/&&|\|\|/)[i].trim() }));
}

/** The rule checks of step 3 for a parsed task.json in taskDir. Returns problem strings. */
function checkTaskRules(task, taskDir) {
  const p = [];
  const inputs = Array.isArray(task.inputs) ? task.inputs : [];
  const byName = new Map();
  for (const input of inputs) {
    if (!input || typeof input.name !== 'string' || !NAME_RE.test(input.name)) {
      p.push(`input name ${JSON.stringify(input && input.name)} does not match ${NAME_RE}`);
      continue;
    }
    const key = input.name.toLowerCase();
    if (byName.has(key)) p.push(`input ${input.name}: duplicate name (INPUT_${input.name.toUpperCase()} would collide)`);
    byName.set(key, input);
  }

  if (typeof task.friendlyName !== 'string' || task.friendlyName.length === 0 || task.friendlyName.length > 40) {
    p.push(`friendlyName must be 1..40 characters (is ${JSON.stringify(task.friendlyName)})`);
  }
  if (typeof task.instanceNameFormat !== 'string' || task.instanceNameFormat.trim() === '') {
    p.push('instanceNameFormat is required');
  } else {
    for (const m of task.instanceNameFormat.matchAll(/\$\(([^)]+)\)/g)) {
      if (!byName.has(m[1].toLowerCase())) p.push(`instanceNameFormat refers to $(${m[1]}), which is no input`);
    }
  }
  if (!task.version || ![task.version.Major, task.version.Minor, task.version.Patch].every(Number.isInteger)) {
    p.push('version needs integer Major, Minor and Patch');
  }

  for (const section of ['execution', 'prejobexecution', 'postjobexecution']) {
    const handlers = task[section];
    if (handlers === undefined) {
      if (section === 'execution') p.push('execution is required');
      continue;
    }
    for (const [handler, spec] of Object.entries(handlers)) {
      if (!spec || typeof spec.target !== 'string' || spec.target === '') {
        p.push(`${section}.${handler}: target is required`);
        continue;
      }
      if (/\$\(/.test(spec.target)) continue; // resolved by the agent
      if (!fs.existsSync(path.join(taskDir, spec.target))) {
        p.push(`${section}.${handler}: target ${spec.target} does not exist in ${path.relative(repoRoot, taskDir) || '.'}`);
      }
    }
  }
  for (const handler of ['Node20_1', 'Node24']) {
    if (!task.execution || !task.execution[handler]) p.push(`execution.${handler} is missing`);
    if (!task.postjobexecution || !task.postjobexecution[handler]) p.push(`postjobexecution.${handler} is missing`);
  }

  const groups = new Set((task.groups || []).map((g) => g.name));
  const checkRule = (where, rule) => {
    for (const v of ruleVariables(rule)) {
      if (typeof v === 'object') p.push(`${where}: cannot read visibleRule clause "${v.bad}"`);
      else if (!byName.has(v.toLowerCase())) p.push(`${where}: visibleRule refers to ${v}, which is no input`);
    }
  };
  for (const g of task.groups || []) if (g.visibleRule) checkRule(`group ${g.name}`, g.visibleRule);
  for (const input of inputs) {
    if (!input || !input.name) continue;
    const where = `input ${input.name}`;
    if (input.groupName && !groups.has(input.groupName)) p.push(`${where}: group ${input.groupName} is not declared`);
    if (input.visibleRule) checkRule(where, input.visibleRule);
    if (!input.helpMarkDown) p.push(`${where}: helpMarkDown is missing`);
    if (input.type === 'pickList' || input.type === 'radio') {
      const options = Object.keys(input.options || {});
      if (options.length === 0) p.push(`${where}: ${input.type} without options`);
      if (input.defaultValue !== undefined && input.defaultValue !== '' && !options.includes(input.defaultValue)) {
        p.push(`${where}: defaultValue ${input.defaultValue} is not one of its options`);
      }
    }
    if (input.type === 'boolean' && input.defaultValue !== undefined && !['true', 'false', true, false].includes(input.defaultValue)) {
      p.push(`${where}: boolean defaultValue must be true or false`);
    }
  }

  // The adapter reads INPUT_<NAME> and maps camelCase to the product's kebab-case options.
  for (const kebab of KEBAB_OPTIONS) {
    if (!byName.has(camelCase(kebab).toLowerCase())) p.push(`no input ${camelCase(kebab)} for option ${kebab}`);
    else if (!inputs.some((i) => i.name === camelCase(kebab))) p.push(`input for ${kebab} must be spelt ${camelCase(kebab)}`);
  }
  const known = new Set([...KEBAB_OPTIONS.map(camelCase), ...TASK_ONLY_INPUTS]);
  for (const input of inputs) {
    if (input && input.name && !known.has(input.name)) {
      p.push(`input ${input.name} is neither the camelCase of a product option nor a known task-only input`);
    }
  }

  const outputs = (task.outputVariables || []).map((o) => o.name);
  for (const name of outputs) if (!NAME_RE.test(name)) p.push(`output variable ${name} does not match ${NAME_RE}`);
  for (const name of EXPECTED_OUTPUTS) if (!outputs.includes(name)) p.push(`output variable ${name} is missing`);
  for (const o of task.outputVariables || []) if (!o.description) p.push(`output variable ${o.name}: description is missing`);
  return p;
}

/** Checks of vss-extension.json against the tree: files, contributions, icons, overview. */
function checkExtension(manifest, task) {
  const p = [];
  const rel = (f) => path.join(repoRoot, f);
  for (const key of ['manifestVersion', 'id', 'name', 'version', 'publisher', 'targets', 'contributions', 'files']) {
    if (manifest[key] === undefined) p.push(`vss-extension.json: ${key} is missing`);
  }
  if (manifest.manifestVersion !== 1) p.push('vss-extension.json: manifestVersion must be 1');
  if (typeof manifest.description !== 'string' || manifest.description.length >= 200) {
    p.push('vss-extension.json: description must be a string of less than 200 characters (tfx)');
  }
  if (!/^\d+\.\d+\.\d+$/.test(String(manifest.version))) p.push('vss-extension.json: version must be Major.Minor.Patch');
  const filePaths = (manifest.files || []).map((f) => f.path);
  for (const f of filePaths) if (!fs.existsSync(rel(f))) p.push(`vss-extension.json: files entry ${f} does not exist`);
  for (const [kind, f] of Object.entries(manifest.icons || {})) {
    if (!fs.existsSync(rel(f))) p.push(`vss-extension.json: icon ${kind} ${f} does not exist`);
  }
  for (const s of manifest.screenshots || []) if (!fs.existsSync(rel(s.path))) p.push(`vss-extension.json: screenshot ${s.path} does not exist`);
  const details = manifest.content && manifest.content.details && manifest.content.details.path;
  if (!details || !fs.existsSync(rel(details))) p.push(`vss-extension.json: content.details ${details} does not exist`);

  const contributions = manifest.contributions || [];
  const ids = new Set();
  for (const c of contributions) {
    if (ids.has(c.id)) p.push(`vss-extension.json: duplicate contribution id ${c.id}`);
    ids.add(c.id);
  }
  const tasks = contributions.filter((c) => c.type === 'ms.vss-distributed-task.task');
  if (tasks.length !== 1) p.push('vss-extension.json: expected exactly one task contribution');
  for (const c of tasks) {
    const folder = c.properties && c.properties.name;
    if (!(c.targets || []).includes('ms.vss-distributed-task.tasks')) p.push(`contribution ${c.id}: must target ms.vss-distributed-task.tasks`);
    if (!folder || !fs.existsSync(path.join(rel(folder), 'task.json'))) p.push(`contribution ${c.id}: properties.name ${folder} holds no task.json`);
    else if (!filePaths.some((f) => path.normalize(f) === path.normalize(folder))) p.push(`contribution ${c.id}: folder ${folder} is not in files`);
  }
  const endpoints = contributions.filter((c) => c.type === 'ms.vss-endpoint.service-endpoint-type');
  const endpoint = endpoints.find((c) => c.properties && c.properties.name === ENDPOINT_TYPE);
  if (!endpoint) {
    p.push(`vss-extension.json: no service endpoint type named ${ENDPOINT_TYPE}`);
  } else {
    const props = endpoint.properties;
    if (!(endpoint.targets || []).includes('ms.vss-endpoint.endpoint-types')) p.push(`contribution ${endpoint.id}: must target ms.vss-endpoint.endpoint-types`);
    const schemes = (props.authenticationSchemes || []).map((s) => s.type);
    for (const s of ['ms.vss-endpoint.endpoint-auth-scheme-basic', 'ms.vss-endpoint.endpoint-auth-scheme-none']) {
      if (!schemes.includes(s)) p.push(`endpoint type ${ENDPOINT_TYPE}: authentication scheme ${s} is missing`);
    }
    const data = (props.inputDescriptors || []).map((d) => d.id);
    for (const id of ['roleArn', 'region', 'sessionName']) if (!data.includes(id)) p.push(`endpoint type ${ENDPOINT_TYPE}: input ${id} is missing`);
    if (!props.url || !props.url.value) p.push(`endpoint type ${ENDPOINT_TYPE}: url.value is missing`);
  }
  if (task) {
    for (const input of task.inputs || []) {
      const m = /^connectedService:(.+)$/.exec(input.type || '');
      if (m && !endpoints.some((c) => c.properties && c.properties.name === m[1])) {
        p.push(`input ${input.name}: endpoint type ${m[1]} is not contributed by vss-extension.json`);
      }
    }
  }
  return p;
}

function ajvErrors(errors) {
  return (errors || []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
}

/** Schema checks (steps 1 and 2): needs ajv. */
function checkSchemas(task) {
  const p = [];
  const Ajv = require('ajv');
  const ours = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const validate = ours.compile(JSON.parse(fs.readFileSync(path.join(tasksDir, 'schema', 'task.schema.json'), 'utf8')));
  if (!validate(task)) for (const e of ajvErrors(validate.errors)) p.push(`schema/task.schema.json: ${e}`);

  const upstreamFile = path.join(tasksDir, 'schema', 'upstream', 'tasks.schema.json');
  if (fs.existsSync(upstreamFile)) {
    const AjvDraft04 = require('ajv-draft-04');
    const upstream = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    const validateUpstream = upstream.compile(JSON.parse(fs.readFileSync(upstreamFile, 'utf8')));
    if (!validateUpstream(task)) for (const e of ajvErrors(validateUpstream.errors)) p.push(`upstream tasks.schema.json: ${e}`);
  }
  return { problems: p, upstream: fs.existsSync(upstreamFile) };
}

/** tfx-cli's own validator (step 4), when installed. */
function checkWithTfx(taskJsonPath, task) {
  let jsonvalidate;
  try {
    jsonvalidate = require(path.join(tasksDir, 'node_modules', 'tfx-cli', '_build', 'lib', 'jsonvalidate.js'));
  } catch {
    return null;
  }
  return jsonvalidate.validateTask(taskJsonPath, task).slice(1).map((s) => `tfx: ${s}`);
}

function validateAll(options = {}) {
  const taskDir = options.taskDir || path.join(tasksDir, 'AwsTempCredentialsV1');
  const problems = [];
  const notes = [];
  const taskJsonPath = path.join(taskDir, 'task.json');
  const task = readJson(taskJsonPath, problems);
  if (task) problems.push(...checkTaskRules(task, taskDir).map((s) => `task.json: ${s}`));
  const manifest = readJson(options.manifest || path.join(repoRoot, 'vss-extension.json'), problems);
  if (manifest) problems.push(...checkExtension(manifest, task));
  if (task && options.schema !== false) {
    const r = checkSchemas(task);
    problems.push(...r.problems.map((s) => `task.json: ${s}`));
    notes.push(r.upstream ? 'checked against the upstream tasks.schema.json too' : 'no upstream tasks.schema.json copy (see schema/SOURCE.md)');
  }
  if (task) {
    const tfx = checkWithTfx(taskJsonPath, task);
    if (tfx) problems.push(...tfx);
    notes.push(tfx ? "checked with tfx-cli's task validator" : 'tfx-cli not installed: its validator skipped');
  }
  return { problems, notes, task };
}

module.exports = { KEBAB_OPTIONS, TASK_ONLY_INPUTS, camelCase, ruleVariables, checkTaskRules, checkExtension, validateAll };

if (require.main === module) {
  const schema = !process.argv.includes('--no-schema');
  let result;
  try {
    result = validateAll({ schema });
  } catch (err) {
    if (err && err.code === 'MODULE_NOT_FOUND' && /'ajv/.test(err.message)) {
      console.error('validate-task: ajv is not installed: run `npm ci` in tasks/ (or pass --no-schema)');
      process.exit(2);
    }
    throw err;
  }
  for (const n of result.notes) console.log(`validate-task: ${n}`);
  if (result.problems.length > 0) {
    for (const p of result.problems) console.error(`validate-task: ${p}`);
    console.error(`validate-task: ${result.problems.length} problem(s)`);
    process.exit(1);
  }
  const t = result.task;
  console.log(
    `validate-task: ${t.name}@${t.version.Major}.${t.version.Minor}.${t.version.Patch} valid ` +
      `(${t.inputs.length} inputs, ${(t.outputVariables || []).length} output variables) and vss-extension.json consistent`,
  );
}
