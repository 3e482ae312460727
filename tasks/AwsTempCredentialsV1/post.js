'use strict';
// Post-job step of AwsTempCredentials@1 (runs even when the main step failed or
// was skipped): `aws-temp-credentials azure-devops post` removes what the main
// step left on the agent.
require('./launch').start(['azure-devops', 'post']);
