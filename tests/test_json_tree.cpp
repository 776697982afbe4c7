// ParseJson and PosOfOffset: every value and key knows its line and column (1-based,
// columns in UTF-8 code points), and every syntax error says where it stands. The
// expected positions are counted by hand from the literal texts below.
#include "content/json_tree.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace content;

namespace {

std::string At(JsonPos p) { return std::to_string(p.Line) + ":" + std::to_string(p.Col); }

JsonNode Parse(std::string_view text) {
    JsonNode root;
    JsonError err;
    bool ok = ParseJson(text, &root, &err);
    INFO("error at ", At(err.Pos), ": ", err.Message);
    REQUIRE(ok);
    return root;
}

JsonError Fail(std::string_view text) {
    JsonNode root;
    JsonError err;
    REQUIRE_FALSE(ParseJson(text, &root, &err));
    return err;
}

std::string Nested(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

} // namespace

TEST_CASE("json tree: PosOfOffset: lines and columns are 1-based and count UTF-8 code points") {
    // bytes: a b \n c é(2) €(3) 😀(4) x \n
    const std::string text = "ab\nc\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80x\n";
    REQUIRE(text.size() == 15);
    CHECK(At(PosOfOffset(text, 0)) == "1:1");
    CHECK(At(PosOfOffset(text, 1)) == "1:2");
    CHECK(At(PosOfOffset(text, 2)) == "1:3"); // the newline itself ends line 1
    CHECK(At(PosOfOffset(text, 3)) == "2:1");
    CHECK(At(PosOfOffset(text, 4)) == "2:2");  // é
    CHECK(At(PosOfOffset(text, 6)) == "2:3");  // € (after a 2-byte é)
    CHECK(At(PosOfOffset(text, 9)) == "2:4");  // 😀 (after a 3-byte €)
    CHECK(At(PosOfOffset(text, 13)) == "2:5"); // x (after a 4-byte emoji)
    CHECK(At(PosOfOffset(text, 15)) == "3:1"); // the end
    CHECK(At(PosOfOffset(text, 1000)) == "3:1"); // past the end: the end
    CHECK(At(PosOfOffset("", 0)) == "1:1");
    CHECK(At(PosOfOffset("a\r\nb", 3)) == "2:1"); // CRLF: still one line break
}

TEST_CASE("json tree: PosOfOffset and ParseJson: a UTF-8 byte order mark takes no column") {
    const std::string text = "\xEF\xBB\xBF{\"a\": 1}";
    CHECK(At(PosOfOffset(text, 3)) == "1:1");
    CHECK(At(PosOfOffset(text, 4)) == "1:2");
    JsonNode root = Parse(text);
    CHECK(At(root.Pos) == "1:1");
    REQUIRE(root.Members.size() == 1);
    CHECK(At(root.KeyPos[0]) == "1:2");
    CHECK(At(root.Members[0].second.Pos) == "1:7");
}

TEST_CASE("json tree: object members: each key and each value has its own position") {
    const std::string text = R"({
  "pack": "demo",
  "count": 42,
  "ratio": -0.5e2,
  "on": true,
  "off": false,
  "nothing": null,
  "list": [1, 2]
})";
    JsonNode root = Parse(text);
    REQUIRE(root.IsObject());
    CHECK(At(root.Pos) == "1:1");
    REQUIRE(root.Members.size() == 7);
    REQUIRE(root.KeyPos.size() == 7);

    const char* keys[] = {"pack", "count", "ratio", "on", "off", "nothing", "list"};
    const char* key_at[] = {"2:3", "3:3", "4:3", "5:3", "6:3", "7:3", "8:3"};
    const char* value_at[] = {"2:11", "3:12", "4:12", "5:9", "6:10", "7:14", "8:11"};
    for (size_t i = 0; i < 7; i++) {
        CAPTURE(keys[i]);
        CHECK(root.Members[i].first == keys[i]);
        CHECK(At(root.KeyPos[i]) == key_at[i]);
        CHECK(At(root.Members[i].second.Pos) == value_at[i]);
    }

    const JsonNode* pack = root.Find("pack");
    REQUIRE(pack);
    CHECK(pack->IsString());
    CHECK(pack->String == "demo");

    const JsonNode* count = root.Find("count");
    REQUIRE(count);
    CHECK(count->Type == JsonNode::Kind::Number);
    CHECK(count->IsInteger);
    CHECK(count->Number == 42);

    const JsonNode* ratio = root.Find("ratio");
    REQUIRE(ratio);
    CHECK_FALSE(ratio->IsInteger);
    CHECK(ratio->Number == doctest::Approx(-50));

    CHECK(root.Find("on")->Type == JsonNode::Kind::Bool);
    CHECK(root.Find("on")->Bool);
    CHECK_FALSE(root.Find("off")->Bool);
    CHECK(root.Find("nothing")->Type == JsonNode::Kind::Null);

    const JsonNode* list = root.Find("list");
    REQUIRE(list);
    REQUIRE(list->IsArray());
    REQUIRE(list->Items.size() == 2);
    CHECK(At(list->Items[0].Pos) == "8:12");
    CHECK(At(list->Items[1].Pos) == "8:15");

    CHECK(root.Find("absent") == nullptr);
}

TEST_CASE("json tree: strings with escaped quotes and backslashes: positions after them stay right") {
    //            1234567890123456789012345678901234567890123456789012345678
    const char* text = R"({"say": "he said \"hi\"", "path": "C:\\dir\\", "next": "x"})";
    JsonNode root = Parse(text);
    REQUIRE(root.Members.size() == 3);
    CHECK(At(root.KeyPos[0]) == "1:2");
    CHECK(At(root.Members[0].second.Pos) == "1:9");
    CHECK(root.Members[0].second.String == "he said \"hi\"");
    CHECK(At(root.KeyPos[1]) == "1:27");
    CHECK(At(root.Members[1].second.Pos) == "1:35");
    CHECK(root.Members[1].second.String == "C:\\dir\\"); // ends in a backslash
    CHECK(At(root.KeyPos[2]) == "1:48");
    CHECK(At(root.Members[2].second.Pos) == "1:56");

    // A key that holds an escaped quote, and an empty key and string.
    JsonNode k = Parse(R"({"a\"b": 1, "c": 2, "": ""})");
    REQUIRE(k.Members.size() == 3);
    CHECK(k.Members[0].first == "a\"b");
    CHECK(At(k.KeyPos[0]) == "1:2");
    CHECK(At(k.Members[0].second.Pos) == "1:10");
    CHECK(At(k.KeyPos[1]) == "1:13");
    CHECK(At(k.Members[1].second.Pos) == "1:18");
    CHECK(At(k.KeyPos[2]) == "1:21");
    CHECK(At(k.Members[2].second.Pos) == "1:25");

    // \u escapes are decoded; the position is still that of the opening quote.
    JsonNode u = Parse("[\"caf\\u00e9\", \"x\"]");
    REQUIRE(u.Items.size() == 2);
    CHECK(u.Items[0].String == "caf\xC3\xA9");
    CHECK(At(u.Items[1].Pos) == "1:15");
}

TEST_CASE("json tree: UTF-8 text before a value moves its column by code points, not bytes") {
    JsonNode root = Parse("{\"naam\": \"\xC3\xA9\xC3\xA9n\", \"wijk\": \"Oosterparkwijk\", \"\xE2\x82\xAC\": 5}");
    REQUIRE(root.Members.size() == 3);
    CHECK(At(root.KeyPos[0]) == "1:2");
    CHECK(At(root.Members[0].second.Pos) == "1:10");
    CHECK(At(root.KeyPos[1]) == "1:17");
    CHECK(At(root.Members[1].second.Pos) == "1:25");
    CHECK(At(root.KeyPos[2]) == "1:43");
    CHECK(At(root.Members[2].second.Pos) == "1:48");
}

TEST_CASE("json tree: numbers: the position is the first character, whatever follows the number") {
    JsonNode root = Parse("[0, -12, 3.25, 1e3, -4.5E-2,7 ,8]");
    REQUIRE(root.Items.size() == 7);
    const char* at[] = {"1:2", "1:5", "1:10", "1:16", "1:21", "1:29", "1:32"};
    for (size_t i = 0; i < 7; i++) {
        CAPTURE(i);
        CHECK(At(root.Items[i].Pos) == at[i]);
    }
    CHECK(root.Items[0].IsInteger);
    CHECK(root.Items[1].Number == -12);
    CHECK(root.Items[1].IsInteger);
    CHECK(root.Items[2].Number == doctest::Approx(3.25));
    CHECK_FALSE(root.Items[2].IsInteger);
    CHECK(root.Items[3].Number == doctest::Approx(1000));
    CHECK(root.Items[4].Number == doctest::Approx(-0.045));
    CHECK(root.Items[6].Number == 8);

    // A number at the end of a line, and a number that is the whole document.
    JsonNode lines = Parse("[1,\n  22\n]");
    REQUIRE(lines.Items.size() == 2);
    CHECK(At(lines.Items[1].Pos) == "2:3");
    JsonNode alone = Parse("  17");
    CHECK(alone.Type == JsonNode::Kind::Number);
    CHECK(At(alone.Pos) == "1:3");
}

TEST_CASE("json tree: nested arrays and objects: every level has its own position") {
    const std::string text = R"([
  [1, [2, [3]]],
  {"a": [{"b": []}]},
  []
])";
    JsonNode root = Parse(text);
    REQUIRE(root.IsArray());
    CHECK(At(root.Pos) == "1:1");
    REQUIRE(root.Items.size() == 3);

    const JsonNode& outer = root.Items[0];
    CHECK(At(outer.Pos) == "2:3");
    REQUIRE(outer.Items.size() == 2);
    CHECK(At(outer.Items[0].Pos) == "2:4");
    const JsonNode& mid = outer.Items[1];
    CHECK(At(mid.Pos) == "2:7");
    REQUIRE(mid.Items.size() == 2);
    CHECK(At(mid.Items[0].Pos) == "2:8");
    const JsonNode& inner = mid.Items[1];
    CHECK(At(inner.Pos) == "2:11");
    REQUIRE(inner.Items.size() == 1);
    CHECK(At(inner.Items[0].Pos) == "2:12");
    CHECK(inner.Items[0].Number == 3);

    const JsonNode& obj = root.Items[1];
    REQUIRE(obj.IsObject());
    CHECK(At(obj.Pos) == "3:3");
    CHECK(At(obj.KeyPos[0]) == "3:4");
    const JsonNode* a = obj.Find("a");
    REQUIRE(a);
    CHECK(At(a->Pos) == "3:9");
    REQUIRE(a->Items.size() == 1);
    CHECK(At(a->Items[0].Pos) == "3:10");
    CHECK(At(a->Items[0].KeyPos[0]) == "3:11");
    const JsonNode* b = a->Items[0].Find("b");
    REQUIRE(b);
    CHECK(b->IsArray());
    CHECK(b->Items.empty());
    CHECK(At(b->Pos) == "3:16");

    CHECK(At(root.Items[2].Pos) == "4:3");
    CHECK(root.Items[2].Items.empty());
}

TEST_CASE("json tree: duplicate keys are kept, in file order, each with its position") {
    JsonNode root = Parse("{\"id\": \"a\",\n \"id\": \"b\"}");
    REQUIRE(root.Members.size() == 2);
    CHECK(root.Members[0].first == "id");
    CHECK(root.Members[1].first == "id");
    CHECK(At(root.KeyPos[0]) == "1:2");
    CHECK(At(root.KeyPos[1]) == "2:2");
    CHECK(At(root.Members[1].second.Pos) == "2:8");
    CHECK(root.Find("id")->String == "a"); // Find gives the first
}

TEST_CASE("json tree: positions stay right over thousands of lines") {
    // line 1: [   line n+1: {"é\"<n>": [<n>, "ü"]},   last line: ]
    const int lines = 5000;
    std::string text = "[\n";
    for (int i = 1; i <= lines; i++)
        text += "  {\"\xC3\xA9\\\"" + std::to_string(i) + "\": [" + std::to_string(i) + ", \"\xC3\xBC\"]}" +
                (i < lines ? ",\n" : "\n");
    text += "]";
    JsonNode root = Parse(text);
    REQUIRE(root.Items.size() == size_t(lines));
    for (int i = 1; i <= lines; i++) {
        const JsonNode& obj = root.Items[size_t(i - 1)];
        const int digits = int(std::to_string(i).size());
        const int key_len = 5 + digits; // "é\"<i>"
        const std::string line = std::to_string(i + 1) + ":";
        REQUIRE(obj.Members.size() == 1);
        const JsonNode& list = obj.Members[0].second;
        REQUIRE(list.Items.size() == 2);
        bool ok = At(obj.Pos) == line + "3" && At(obj.KeyPos[0]) == line + "4" &&
                  At(list.Pos) == line + std::to_string(6 + key_len) &&
                  At(list.Items[0].Pos) == line + std::to_string(7 + key_len) &&
                  At(list.Items[1].Pos) == line + std::to_string(9 + key_len + digits);
        if (!ok) { // report the first wrong line only
            CAPTURE(i);
            CHECK(At(obj.Pos) == line + "3");
            CHECK(At(obj.KeyPos[0]) == line + "4");
            CHECK(At(list.Pos) == line + std::to_string(6 + key_len));
            CHECK(At(list.Items[0].Pos) == line + std::to_string(7 + key_len));
            CHECK(At(list.Items[1].Pos) == line + std::to_string(9 + key_len + digits));
            break;
        }
    }
    CHECK(root.Items.back().Members[0].first == "\xC3\xA9\"5000");
}

TEST_CASE("json tree: syntax errors: a line and column and a message a person understands") {
    SUBCASE("a trailing comma points at the bracket") {
        JsonError e = Fail("[1, 2,]");
        CHECK(At(e.Pos) == "1:7");
        CHECK(e.Message.find("this is not valid JSON") == 0);
        CHECK(e.Message.find("unexpected ']'") != std::string::npos);
    }
    SUBCASE("a missing colon on line 2") {
        JsonError e = Fail("{\n  \"a\" 1\n}");
        CHECK(At(e.Pos) == "2:7");
        CHECK(e.Message.find("expected ':'") != std::string::npos);
    }
    SUBCASE("a missing comma: the right line") {
        JsonError e = Fail("{\n  \"a\": 1\n  \"b\": 2\n}");
        CHECK(e.Pos.Line == 3);
        CHECK(e.Message.find("unexpected string literal; expected '}'") != std::string::npos);
    }
    SUBCASE("a word without quotes points at its first letter") {
        JsonError e = Fail("{\"type\": smiley}");
        CHECK(At(e.Pos) == "1:10");
        CHECK(e.Message == "this is not valid JSON (invalid literal)");
    }
    SUBCASE("truncated in the middle of a line: the end of that line") {
        JsonError e = Fail("{\n  \"a\": [1, 2");
        CHECK(At(e.Pos) == "2:13");
        CHECK(e.Message.find("unexpected end of input") != std::string::npos);
    }
    SUBCASE("truncated after a newline: the start of the line after it") {
        JsonError e = Fail("{\n  \"a\": [1, 2\n");
        CHECK(At(e.Pos) == "3:1");
        CHECK(e.Message.find("unexpected end of input; expected ']'") != std::string::npos);
    }
    SUBCASE("a string without its closing quote") {
        JsonError e = Fail("{\"a\": \"abc");
        CHECK(At(e.Pos) == "1:11");
        CHECK(e.Message.find("missing closing quote") != std::string::npos);
    }
    SUBCASE("a line break inside a string") {
        JsonError e = Fail("{\"a\": \"x\ny\"}");
        CHECK(At(e.Pos) == "1:9");
        CHECK(e.Message.find("control character") != std::string::npos);
    }
    SUBCASE("an empty file") {
        JsonError e = Fail("");
        CHECK(At(e.Pos) == "1:1");
        CHECK(e.Message.find("unexpected end of input") != std::string::npos);
    }
    SUBCASE("something after the document") {
        JsonError e = Fail("{} x");
        CHECK(At(e.Pos) == "1:4");
    }
    SUBCASE("the column after UTF-8 text counts code points") {
        JsonError e = Fail("{\"\xC3\xA9\xC3\xA9n\": ]}");
        CHECK(At(e.Pos) == "1:9"); // 11 in bytes
    }
    SUBCASE("the message leaves out nlohmann's internals") {
        JsonError e = Fail("[1, 2,]");
        CHECK(e.Message.find("json.exception") == std::string::npos);
        CHECK(e.Message.find("last read") == std::string::npos);
        CHECK(e.Message.find("parse error at") == std::string::npos);
    }
}

TEST_CASE("json tree: invalid UTF-8 inside a string is reported as such, at its line") {
    SUBCASE("a 0xFF byte on line 3") {
        JsonError e = Fail("{\n  \"a\": \"ok\",\n  \"b\": \"x\xFFy\"\n}");
        CHECK(At(e.Pos) == "3:10");
        CHECK(e.Message.find("invalid UTF-8") == 0);
    }
    SUBCASE("after two-byte characters, the column counts code points") {
        JsonError e = Fail("{\n  \"a\": \"\xC3\xA9\xC3\xA9\xFF\"\n}");
        CHECK(At(e.Pos) == "2:11");
        CHECK(e.Message.find("invalid UTF-8") == 0);
    }
    SUBCASE("a Latin-1 file: caf\\xE9 stops at the byte after the broken sequence") {
        JsonError e = Fail("[\"ok\",\n \"caf\xE9\"]");
        CHECK(e.Pos.Line == 2);
        CHECK(e.Pos.Col == 7); // the quote that should have been a continuation byte
        CHECK(e.Message.find("invalid UTF-8") == 0);
    }
    SUBCASE("an overlong encoding") {
        JsonError e = Fail("[\"\xC0\xAF\"]");
        CHECK(At(e.Pos) == "1:3");
        CHECK(e.Message.find("invalid UTF-8") == 0);
    }
    SUBCASE("an encoded surrogate") {
        JsonError e = Fail("[\"\xED\xA0\x80\"]");
        CHECK(e.Pos.Line == 1);
        CHECK(e.Message.find("invalid UTF-8") == 0);
    }
    SUBCASE("inside a key") {
        JsonError e = Fail("{\n\"k\xFF\": 1}");
        CHECK(At(e.Pos) == "2:3");
        CHECK(e.Message.find("invalid UTF-8") == 0);
    }
    SUBCASE("a text that says UTF-8 does not make another error an encoding error") {
        JsonError e = Fail("{\"a\": \"save as UTF-8\tplease\"}");
        CHECK(e.Message.find("invalid UTF-8") == std::string::npos);
        CHECK(e.Message.find("control character") != std::string::npos);
        CHECK(At(e.Pos) == "1:21");
    }
    SUBCASE("valid multi-byte text parses") {
        JsonNode root = Parse("[\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"]");
        CHECK(root.Items[0].String == "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    }
}

TEST_CASE("json tree: nesting deeper than 64 levels is refused, not a stack overflow") {
    CHECK(Parse(Nested(64)).IsArray());
    JsonError e = Fail(Nested(65));
    CHECK(At(e.Pos) == "1:65");
    CHECK(e.Message.find("nested more than 64 levels") != std::string::npos);
    JsonError deep = Fail(Nested(200000)); // would overflow the stack if built
    CHECK(At(deep.Pos) == "1:65");
}

TEST_CASE("json tree: JsonKindName names each kind for messages") {
    CHECK(std::string(JsonKindName(JsonNode::Kind::Object)) == "an object");
    CHECK(std::string(JsonKindName(JsonNode::Kind::Array)) == "a list");
    CHECK(std::string(JsonKindName(JsonNode::Kind::String)) == "a text");
    CHECK(std::string(JsonKindName(JsonNode::Kind::Number)) == "a number");
    CHECK(std::string(JsonKindName(JsonNode::Kind::Bool)) == "true or false");
    CHECK(std::string(JsonKindName(JsonNode::Kind::Null)) == "null");
}
