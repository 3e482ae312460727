'use strict';
// Main step of AwsTempCredentials@1: runs `aws-temp-credentials azure-devops run`.
require('./launch').start(['azure-devops', 'run']);
