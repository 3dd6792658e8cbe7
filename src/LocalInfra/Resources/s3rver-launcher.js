'use strict';
// Starts s3rver's own command line (`-d DATA -a ADDRESS -p PORT ...`) from the project's tool install.
// The package's bin script is not used because it is found through NODE_PATH, not a node_modules/.bin
// next to the caller. Platform.LocalInfra.S3Server writes this file next to the server's log and runs it
// with NODE_PATH set to the install's node_modules and NODE_OPTIONS=--openssl-legacy-provider (s3rver's
// list continuation tokens use a cipher that OpenSSL 3 keeps in its legacy provider).
require('@20minutes/s3rver/lib/cli')
  .parseAsync(process.argv)
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
