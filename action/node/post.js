'use strict';
// Post step of the JavaScript action (runs after the job's last step, also when the
// main step failed): `aws-temp-credentials github post` removes what the main step
// left on the runner for `refresh`.
require('./load-launcher.js').start(['github', 'post']);
