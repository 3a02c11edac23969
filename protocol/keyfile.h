// Secret key files: the one place where protocol/ touches the file system, so that the daemon
// (which loads keys) and the CLI's `citynet init` (which creates them) share one
// implementation of the rules:
//  - a key file is created with O_CREAT|O_EXCL and mode 0600, never overwritten;
//  - a key file that group or others may read or write, that is not a regular file, or that is
//    owned by another user is refused, with the command that fixes it;
//  - the secret is read straight into sodium_malloc memory.
//
// File format (text, two lines):
//   citynet ed25519 secret key v1        or   citynet x25519 secret key v1
//   <base64 of the 32-byte seed or secret>
#pragma once

#include <string>

#include "protocol/crypto.h"
#include "protocol/status.h"

namespace citynet::protocol {

// Writes `key` to a new file at `path`, mode 0600. AlreadyExists when the file exists;
// PermissionDenied / NotFound / Internal for other failures, naming the path and the cause.
Status WriteSigningKeyFile(const std::string& path, const SigningKey& key);
Status WriteTransportKeyFile(const std::string& path, const TransportKey& key);

// Loads a key file. NotFound when missing; PermissionDenied when the mode lets group or
// others in (message: "... run `chmod 600 PATH`") or the owner is not this process's user;
// DataLoss when the content is not a key file of that kind.
Result<SigningKey> LoadSigningKeyFile(const std::string& path);
Result<TransportKey> LoadTransportKeyFile(const std::string& path);

}  // namespace citynet::protocol
