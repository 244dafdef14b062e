// Password hashing and random secrets, on libsodium (used here and nowhere
// else): Argon2id strings from crypto_pwhash_str, 256-bit session tokens from
// the OS generator, and token hashes (BLAKE2b-256) for storage.
//
//   ASSIGN_OR_RETURN(std::string hash, HashPassword("correct horse battery", kInteractiveCost));
//   bool ok = VerifyPassword(hash, "correct horse battery");
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace sc {

// Argon2id cost. The product uses kInteractiveCost (libsodium's
// OPSLIMIT/MEMLIMIT_INTERACTIVE: 2 passes over 64 MiB, ~100-150 ms);
// tests may pass kMinimumCost to stay fast.
struct PasswordCost {
  uint64_t opslimit = 0;
  size_t memlimit = 0;
};
PasswordCost InteractiveCost();
PasswordCost MinimumCost();

// An Argon2id string ("$argon2id$v=19$m=...") with a random salt.
Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost);

// True when `hash` is a valid Argon2id string of `password`. A malformed
// `hash` fails fast: callers wanting equal timing for unknown accounts verify
// against a real dummy hash (AuthService does).
bool VerifyPassword(const std::string& hash, std::string_view password);

// `bytes` random bytes from the OS, as lower-case hex.
std::string RandomHex(size_t bytes);

// A random password of `chars` characters from an unambiguous alphabet
// (letters and digits without 0/O/1/l/I), about 5.8 bits each.
std::string RandomPassword(size_t chars = 20);

// Lower-case hex of BLAKE2b-256 of `token`: what the store keeps of a session.
std::string TokenHash(std::string_view token);

// Constant-time equality of two strings of the same length (false otherwise).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace sc
