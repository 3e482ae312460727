'use strict';
// The launcher module (tasks/AwsTempCredentialsV1/launch.js, the one the Azure
// DevOps task runs) sits beside this file in a packaged release of the action.
// From the source tree it is missing, like the binaries: say so in the runner's
// terms instead of a Node stack trace.
let launch;
try {
  launch = require('./launch.js');
} catch (err) {
  if (!err || err.code !== 'MODULE_NOT_FOUND') throw err;
  process.stdout.write(
    '::error title=aws-temp-credentials::This is the source of the JavaScript action, without its launcher and binaries. ' +
      'Use a release (uses: <owner>/<repo>@node-v1), or package it with tasks/build-github-action.sh.\n',
  );
  process.exitCode = 1;
}

module.exports = {
  start: (args) => {
    if (launch) launch.start(args);
  },
};
