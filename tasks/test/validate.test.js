'use strict';
// The task.json / vss-extension.json checks of validate-task.js. The rule checks need
// no npm package; the schema checks run when ajv is installed (npm ci in tasks/).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const tasksDir = path.join(__dirname, '..');
const taskDir = path.join(tasksDir, 'AwsTempCredentialsV1');
const validator = require(path.join(tasksDir, 'validate-task.js'));

let hasAjv = true;
try {
  require.resolve('ajv', { paths: [tasksDir] });
} catch {
  hasAjv = false;
}

const readTask = () => JSON.parse(fs.readFileSync(path.join(taskDir, 'task.json'), 'utf8'));
const readManifest = () => JSON.parse(fs.readFileSync(path.join(tasksDir, '..', 'vss-extension.json'), 'utf8'));

test('the task and the extension manifest pass every check', () => {
  const r = validator.validateAll({ schema: hasAjv });
  assert.deepEqual(r.problems, []);
});

test('task.json: the inputs, outputs and handlers the extension documents', () => {
  const task = readTask();
  const names = task.inputs.map((i) => i.name);
  for (const kebab of validator.KEBAB_OPTIONS) assert.ok(names.includes(validator.camelCase(kebab)), kebab);
  for (const name of validator.TASK_ONLY_INPUTS) assert.ok(names.includes(name), name);
  assert.equal(validator.camelCase('action-timeout-s'), 'actionTimeoutS');
  assert.equal(validator.camelCase('aws-region'), 'awsRegion');

  const auth = task.inputs.find((i) => i.name === 'authMethod');
  assert.equal(auth.type, 'pickList');
  assert.equal(auth.defaultValue, 'rolesAnywhere');
  assert.deepEqual(Object.keys(auth.options), ['rolesAnywhere', 'oidc', 'accessKeys']);
  assert.equal(task.inputs.find((i) => i.name === 'awsServiceConnection').type, 'connectedService:AwsTempCredentials');
  for (const n of ['certificateSecureFile', 'privateKeySecureFile', 'certificateChainSecureFile']) {
    assert.equal(task.inputs.find((i) => i.name === n).type, 'secureFile');
  }
  assert.equal(task.inputs.find((i) => i.name === 'awsProfile').defaultValue, 'default');
  assert.equal(task.inputs.find((i) => i.name === 'refresh').defaultValue, 'false');
  assert.equal(task.inputs.find((i) => i.name === 'allowPrivateKeyOnDisk').visibleRule, 'refresh = true');
  assert.ok(task.friendlyName.length <= 40);
  assert.deepEqual(task.version, { Major: 1, Minor: 0, Patch: 0 });
  for (const section of ['execution', 'postjobexecution']) {
    assert.deepEqual(Object.keys(task[section]).sort(), ['Node20_1', 'Node24']);
  }
  assert.equal(task.execution.Node20_1.target, 'launcher.js');
  assert.equal(task.postjobexecution.Node24.target, 'post.js');
});

function mutated(change) {
  const task = readTask();
  change(task);
  return validator.checkTaskRules(task, taskDir);
}

test('rules: names, friendlyName, instanceNameFormat, targets', () => {
  assert.deepEqual(mutated(() => {}), []);
  assert.ok(mutated((t) => (t.inputs[0].name = 'auth-method')).some((p) => /does not match/.test(p)));
  assert.ok(mutated((t) => (t.inputs[0].name = '1auth')).some((p) => /does not match/.test(p)));
  assert.ok(mutated((t) => (t.friendlyName = 'A'.repeat(41))).some((p) => /friendlyName/.test(p)));
  assert.ok(mutated((t) => delete t.instanceNameFormat).some((p) => /instanceNameFormat is required/.test(p)));
  assert.ok(mutated((t) => (t.instanceNameFormat = 'AWS $(nope)')).some((p) => /\$\(nope\)/.test(p)));
  assert.ok(mutated((t) => (t.execution.Node24.target = 'missing.js')).some((p) => /missing\.js does not exist/.test(p)));
  assert.ok(mutated((t) => delete t.postjobexecution.Node20_1).some((p) => /postjobexecution\.Node20_1 is missing/.test(p)));
  assert.ok(mutated((t) => (t.outputVariables[0].name = 'aws-account-id')).some((p) => /output variable/.test(p)));
});

test('rules: groups, visibleRules, pick lists, booleans, adapter names', () => {
  assert.ok(mutated((t) => (t.inputs[1].groupName = 'nowhere')).some((p) => /group nowhere is not declared/.test(p)));
  assert.ok(mutated((t) => (t.inputs[1].visibleRule = 'authMetod = oidc')).some((p) => /refers to authMetod/.test(p)));
  assert.ok(mutated((t) => (t.inputs[1].visibleRule = 'what is this')).some((p) => /cannot read visibleRule/.test(p)));
  assert.ok(mutated((t) => (t.inputs[0].defaultValue = 'sso')).some((p) => /not one of its options/.test(p)));
  assert.ok(
    mutated((t) => (t.inputs.find((i) => i.name === 'refresh').defaultValue = 'yes')).some((p) => /boolean defaultValue/.test(p)),
  );
  assert.ok(
    mutated((t) => (t.inputs.find((i) => i.name === 'awsRegion').name = 'region')).some((p) => /no input awsRegion for option aws-region/.test(p)),
  );
  assert.ok(
    mutated((t) => (t.inputs.find((i) => i.name === 'actionTimeoutS').name = 'actionTimeouts')).some((p) => /must be spelt actionTimeoutS/.test(p)),
  );
  assert.ok(mutated((t) => (t.inputs[0].name = 'awsregion')).some((p) => /duplicate name/.test(p)));
});

test('ruleVariables reads the comparisons of a visibleRule', () => {
  assert.deepEqual(validator.ruleVariables('authMethod = oidc || authMethod = accessKeys'), ['authMethod', 'authMethod']);
  assert.deepEqual(validator.ruleVariables('a != "" && b NotEndsWith x'), ['a', 'b']);
});

test('extension: task folder, endpoint type and assets are consistent', () => {
  assert.deepEqual(validator.checkExtension(readManifest(), readTask()), []);

  let m = readManifest();
  m.contributions = m.contributions.filter((c) => c.type !== 'ms.vss-endpoint.service-endpoint-type');
  const p = validator.checkExtension(m, readTask());
  assert.ok(p.some((s) => /no service endpoint type named AwsTempCredentials/.test(s)));
  assert.ok(p.some((s) => /endpoint type AwsTempCredentials is not contributed/.test(s)));

  m = readManifest();
  m.contributions[0].properties.name = 'tasks/Elsewhere';
  assert.ok(validator.checkExtension(m, readTask()).some((s) => /holds no task\.json/.test(s)));

  m = readManifest();
  m.icons.default = 'images/missing.png';
  assert.ok(validator.checkExtension(m, readTask()).some((s) => /icon default images\/missing\.png does not exist/.test(s)));

  m = readManifest();
  const ep = m.contributions.find((c) => c.type === 'ms.vss-endpoint.service-endpoint-type');
  ep.properties.authenticationSchemes = ep.properties.authenticationSchemes.filter((s) => !/none$/.test(s.type));
  assert.ok(validator.checkExtension(m, readTask()).some((s) => /endpoint-auth-scheme-none is missing/.test(s)));
});

test('extension manifest: the service endpoint type it contributes', () => {
  const m = readManifest();
  assert.equal(m.manifestVersion, 1);
  assert.equal(m.id, 'aws-temp-credentials');
  assert.deepEqual(m.categories, ['Azure Pipelines']);
  assert.deepEqual(m.targets, [{ id: 'Microsoft.VisualStudio.Services' }]);
  const ep = m.contributions.find((c) => c.type === 'ms.vss-endpoint.service-endpoint-type');
  assert.deepEqual(ep.targets, ['ms.vss-endpoint.endpoint-types']);
  assert.equal(ep.properties.url.value, 'https://sts.amazonaws.com');
  assert.equal(ep.properties.url.isVisible, 'false');
  const basic = ep.properties.authenticationSchemes.find((s) => s.type === 'ms.vss-endpoint.endpoint-auth-scheme-basic');
  assert.deepEqual(basic.inputDescriptors.map((d) => d.id), ['username', 'password']);
  assert.equal(basic.inputDescriptors[1].isConfidential, true);
});

test('icon is a 128x128 PNG', () => {
  const png = fs.readFileSync(path.join(tasksDir, '..', 'images', 'icon.png'));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.equal(png.readUInt32BE(16), 128);
  assert.equal(png.readUInt32BE(20), 128);
});

test('schema: task.schema.json rejects what the rules would too', { skip: hasAjv ? false : 'ajv not installed (npm ci)' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awstc-validate-'));
  try {
    fs.mkdirSync(path.join(dir, 'T'));
    for (const f of ['launcher.js', 'post.js', 'launch.js']) fs.copyFileSync(path.join(taskDir, f), path.join(dir, 'T', f));
    const task = readTask();
    task.unknownKey = true;
    task.inputs[3].type = 'text';
    fs.writeFileSync(path.join(dir, 'T', 'task.json'), JSON.stringify(task));
    const r = validator.validateAll({ taskDir: path.join(dir, 'T') });
    assert.ok(r.problems.some((p) => /task\.schema\.json: \/ must NOT have additional properties \(unknownKey\)/.test(p)), r.problems.join('\n'));
    assert.ok(r.problems.some((p) => /task\.schema\.json: \/inputs\/3\/type/.test(p)), r.problems.join('\n'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
