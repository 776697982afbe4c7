#include "content/json_tree.hpp"

#include <nlohmann/json.hpp>

#include <iterator>

namespace content {

JsonNode::JsonNode() = default;
JsonNode::JsonNode(const JsonNode&) = default;
JsonNode::JsonNode(JsonNode&&) noexcept = default;
JsonNode& JsonNode::operator=(const JsonNode&) = default;
JsonNode& JsonNode::operator=(JsonNode&&) noexcept = default;
JsonNode::~JsonNode() = default;

const JsonNode* JsonNode::Find(std::string_view key) const {
    for (const auto& [k, v] : Members)
        if (k == key)
            return &v;
    return nullptr;
}

const char* JsonKindName(JsonNode::Kind kind) {
    switch (kind) {
    case JsonNode::Kind::Null: return "null";
    case JsonNode::Kind::Bool: return "true or false";
    case JsonNode::Kind::Number: return "a number";
    case JsonNode::Kind::String: return "a text";
    case JsonNode::Kind::Array: return "a list";
    case JsonNode::Kind::Object: return "an object";
    }
    return "?";
}

JsonPos PosOfOffset(std::string_view text, size_t offset) {
    JsonPos pos{1, 1};
    if (offset > text.size())
        offset = text.size();
    // A UTF-8 byte order mark (Windows editors write one) is invisible in an editor
    // and skipped by the parser: it takes no column.
    size_t start = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    for (size_t i = start; i < offset; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            pos.Line++;
            pos.Col = 1;
        } else if ((c & 0xC0) != 0x80) { // count code points, not continuation bytes
            pos.Col++;
        }
    }
    return pos;
}

namespace {

// An input iterator that publishes how many bytes the parser has consumed, so each
// SAX event knows where its token ended.
struct CountingIterator {
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    const char* P = nullptr;
    const char* Base = nullptr;
    size_t* Consumed = nullptr;

    reference operator*() const { return *P; }
    CountingIterator& operator++() {
        ++P;
        if (Consumed)
            *Consumed = size_t(P - Base);
        return *this;
    }
    CountingIterator operator++(int) { CountingIterator t = *this; ++*this; return t; }
    bool operator==(const CountingIterator& o) const { return P == o.P; }
    bool operator!=(const CountingIterator& o) const { return P != o.P; }
};

bool IsNumberChar(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

class TreeBuilder : public nlohmann::json_sax<nlohmann::json> {
public:
    TreeBuilder(std::string_view text, const size_t* consumed) : Text(text), Consumed(consumed) {}

    JsonNode Root;
    JsonError Error;
    bool Failed = false;
    static constexpr size_t kMaxDepth = 64; // also keeps the tree's destructor off a deep stack

    bool null() override { return Add(Scalar(JsonNode::Kind::Null, ScalarStart())); }
    bool boolean(bool v) override {
        JsonNode n = Scalar(JsonNode::Kind::Bool, ScalarStart());
        n.Bool = v;
        return Add(std::move(n));
    }
    bool number_integer(number_integer_t v) override { return Num(double(v), true); }
    bool number_unsigned(number_unsigned_t v) override { return Num(double(v), true); }
    bool number_float(number_float_t v, const string_t&) override { return Num(v, false); }
    bool string(string_t& v) override {
        JsonNode n = Scalar(JsonNode::Kind::String, StringStart());
        n.String = std::move(v);
        return Add(std::move(n));
    }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return Open(JsonNode::Kind::Object); }
    bool end_object() override { return Close(); }
    bool start_array(std::size_t) override { return Open(JsonNode::Kind::Array); }
    bool end_array() override { return Close(); }
    bool key(string_t& k) override {
        PendingKey = std::move(k);
        PendingKeyPos = Where(StringStart());
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
        // nlohmann counts the offending byte as read; point at it.
        Error.Pos = PosOfOffset(Text, position > 0 ? position - 1 : 0);
        std::string what = ex.what();
        size_t dash = what.find(" - ");
        std::string detail = dash == std::string::npos ? what : what.substr(dash + 3);
        // Cut the "last read" echo of the file's own text: a text that merely says
        // "UTF-8" must not turn another error into an encoding error.
        size_t last = detail.find("; last read");
        if (last != std::string::npos)
            detail.resize(last);
        if (detail.find("UTF-8") != std::string::npos)
            Error.Message = "invalid UTF-8: the file must be saved as UTF-8 text";
        else
            Error.Message = "this is not valid JSON (" + detail + ")";
        return false;
    }

private:
    std::string_view Text;
    const size_t* Consumed;
    std::vector<JsonNode*> Stack;
    std::string PendingKey;
    JsonPos PendingKeyPos;
    bool HaveRoot = false;
    // Tokens arrive in file order, so positions are counted on from the last one
    // instead of from the start (which made a long file quadratic).
    size_t CachedOffset = 0;
    JsonPos CachedPos{1, 1};

    JsonPos Where(size_t offset) {
        if (offset < CachedOffset) {
            CachedOffset = 0;
            CachedPos = {1, 1};
        }
        JsonPos tail = PosOfOffset(Text.substr(CachedOffset), offset - CachedOffset);
        CachedPos = tail.Line == 1 ? JsonPos{CachedPos.Line, CachedPos.Col + tail.Col - 1}
                                   : JsonPos{CachedPos.Line + tail.Line - 1, tail.Col};
        CachedOffset = offset;
        return CachedPos;
    }

    // The lexer has read the closing quote of a string: walk back to its opening quote.
    size_t StringStart() const {
        size_t end = *Consumed; // one past the closing quote
        if (end < 2)
            return 0;
        for (size_t i = end - 1; i-- > 0;) {
            if (Text[i] != '"')
                continue;
            size_t backslashes = 0;
            for (size_t j = i; j > 0 && Text[j - 1] == '\\'; j--)
                backslashes++;
            if (backslashes % 2 == 0)
                return i;
        }
        return 0;
    }
    // Numbers and literals: the lexer may have read one character past the token.
    size_t ScalarStart() const {
        size_t i = *Consumed;
        if (i > Text.size())
            i = Text.size();
        while (i > 0 && !(IsNumberChar(Text[i - 1]) || (Text[i - 1] >= 'a' && Text[i - 1] <= 'z')))
            i--;
        while (i > 0 && (IsNumberChar(Text[i - 1]) || (Text[i - 1] >= 'a' && Text[i - 1] <= 'z')))
            i--;
        return i;
    }
    JsonNode Scalar(JsonNode::Kind kind, size_t start) {
        JsonNode n;
        n.Type = kind;
        n.Pos = Where(start);
        return n;
    }
    bool Num(double v, bool integer) {
        JsonNode n = Scalar(JsonNode::Kind::Number, ScalarStart());
        n.Number = v;
        n.IsInteger = integer;
        return Add(std::move(n));
    }
    JsonNode* Add(JsonNode n) {
        if (Stack.empty()) {
            Root = std::move(n);
            HaveRoot = true;
            return &Root;
        }
        JsonNode* parent = Stack.back();
        if (parent->Type == JsonNode::Kind::Object) {
            parent->Members.emplace_back(std::move(PendingKey), std::move(n));
            parent->KeyPos.push_back(PendingKeyPos);
            return &parent->Members.back().second;
        }
        parent->Items.push_back(std::move(n));
        return &parent->Items.back();
    }
    bool Open(JsonNode::Kind kind) {
        if (Stack.size() >= kMaxDepth) {
            Error.Pos = Where(*Consumed > 0 ? *Consumed - 1 : 0);
            Error.Message = "nested more than " + std::to_string(kMaxDepth) + " levels deep; a pack needs far fewer";
            Failed = true;
            return false; // stops the parser
        }
        JsonNode n;
        n.Type = kind;
        n.Pos = Where(*Consumed > 0 ? *Consumed - 1 : 0);
        Stack.push_back(Add(std::move(n)));
        return true;
    }
    bool Close() {
        Stack.pop_back();
        return true;
    }
};

} // namespace

bool ParseJson(std::string_view text, JsonNode* out, JsonError* error) {
    size_t consumed = 0;
    CountingIterator first{text.data(), text.data(), &consumed};
    CountingIterator last{text.data() + text.size(), text.data(), nullptr};
    TreeBuilder builder(text, &consumed);
    bool ok = nlohmann::json::sax_parse(first, last, &builder) && !builder.Failed;
    if (!ok) {
        if (error)
            *error = builder.Error;
        return false;
    }
    *out = std::move(builder.Root);
    return true;
}

} // namespace content
