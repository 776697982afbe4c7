// sync/receipt: the visit's receipt code, derived with a keyed hash.
#include "sync/receipt.hpp"
#include "sync/signing.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace wsync;

TEST_CASE("receipt: 8 characters in two groups, the same for the same visit and key, else different") {
    const std::string key = HashToken("token-a"), other = HashToken("token-b");
    const std::string code = ReceiptCode(key, "0190a1b2-0000-7000-8000-000000000001");
    REQUIRE(code.size() == 9);
    CHECK(code[4] == '-');
    CHECK(code.find_first_of("ILOU") == std::string::npos);
    CHECK(ReceiptCode(key, "0190a1b2-0000-7000-8000-000000000001") == code);
    CHECK(ReceiptCode(other, "0190a1b2-0000-7000-8000-000000000001") != code); // needs the key
    std::set<std::string> seen;
    for (int i = 0; i < 1000; i++)
        seen.insert(ReceiptCode(key, "session-" + std::to_string(i)));
    CHECK(seen.size() == 1000);
    // No key (not enrolled) or no visit: no receipt.
    CHECK(ReceiptCode("", "s") == "");
    CHECK(ReceiptCode("zz", "s") == "");
    CHECK(ReceiptCode(key, "") == "");
}

TEST_CASE("receipt: what a person types is read leniently, anything else is refused") {
    CHECK(NormalizeReceipt("k7rm-2xq9") == "K7RM-2XQ9");
    CHECK(NormalizeReceipt("K7RM2XQ9") == "K7RM-2XQ9");
    CHECK(NormalizeReceipt(" k7rm 2xq9 ") == "K7RM-2XQ9");
    CHECK(NormalizeReceipt("OIL0-0000") == "0110-0000"); // O is 0, I and L are 1
    CHECK(NormalizeReceipt("K7RM-2XQ") == "");
    CHECK(NormalizeReceipt("K7RM-2XQ99") == "");
    CHECK(NormalizeReceipt("K7RM-2XQU") == ""); // U is not in the alphabet
    CHECK(NormalizeReceipt("<script>") == "");
    CHECK(NormalizeReceipt("") == "");
}
