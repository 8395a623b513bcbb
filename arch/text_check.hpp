// Text hygiene for user input and error messages: UTF-8 validation (strings read from YAML, INI,
// CSV and ONNX must be valid UTF-8 before they reach JSON) and escaping of control characters and
// stray bytes so an error message is always one printable line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace arraysim::arch {

// The byte offset of the first byte that is not part of a well-formed UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF are ill-formed), or nullopt.
std::optional<std::size_t> invalid_utf8_offset(std::string_view text);

// A description of the problem at `offset` for an error message: "invalid UTF-8 byte 0xA9 at
// byte 3".
std::string describe_invalid_utf8(std::string_view text, std::size_t offset);

// `text` with control characters written as \n, \t, \r or \xNN and ill-formed UTF-8 bytes as
// \xNN; valid multi-byte characters are kept.
std::string printable(std::string_view text);

}  // namespace arraysim::arch
