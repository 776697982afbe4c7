// A JSON tree that remembers where each value and key stands in the file, so the
// pack validator can say FILE:LINE:COL. nlohmann-json does the parsing (SAX); this
// file only records positions.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace content {

struct JsonPos {
    int Line = 0;  // 1-based
    int Col = 0;   // 1-based, in characters (UTF-8 code points)
};

struct JsonNode {
    enum class Kind { Null, Bool, Number, String, Array, Object };
    Kind Type = Kind::Null;
    bool Bool = false;
    double Number = 0.0;
    bool IsInteger = false;
    std::string String;
    std::vector<JsonNode> Items;                          // Array
    std::vector<std::pair<std::string, JsonNode>> Members; // Object, in file order, duplicates kept
    std::vector<JsonPos> KeyPos;                          // Object: where each member's key stands
    JsonPos Pos;                                          // where the value starts

    // Out of line (json_tree.cpp), where JsonNode is complete: clang with libstdc++ will
    // not instantiate vector<pair<string, JsonNode>>'s destructor inside the class.
    JsonNode();
    JsonNode(const JsonNode&);
    JsonNode(JsonNode&&) noexcept;
    JsonNode& operator=(const JsonNode&);
    JsonNode& operator=(JsonNode&&) noexcept;
    ~JsonNode();

    const JsonNode* Find(std::string_view key) const;     // first member with this key
    bool IsObject() const { return Type == Kind::Object; }
    bool IsArray() const { return Type == Kind::Array; }
    bool IsString() const { return Type == Kind::String; }
};

const char* JsonKindName(JsonNode::Kind kind);  // "an object", "a string", ...

struct JsonError {
    JsonPos Pos;
    std::string Message;
};

// Parses text. On failure returns false and fills *error (position and a message a
// person understands, e.g. "invalid UTF-8").
bool ParseJson(std::string_view text, JsonNode* out, JsonError* error);

// The line and column of a byte offset in text.
JsonPos PosOfOffset(std::string_view text, size_t offset);

} // namespace content
