'use strict';
// Main step of the JavaScript action: runs `aws-temp-credentials github run` for this
// runner's OS and architecture (see launch.js, shared with the Azure DevOps task).
require('./load-launcher.js').start(['github', 'run']);
