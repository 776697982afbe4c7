// The receipt a resident gets on the thanks screen (issue 14, item 8): a short code for the
// visit, shown on the public page as "ontvangen door de gemeente op DATE" once the visit
// reached the store. Derived, not stored apart: a keyed BLAKE2b of the visit's session id,
// keyed with the kiosk's token hash, which only the kiosk (from its token) and the store
// (which keeps that hash) know. So it cannot be guessed from the session id, says nothing
// of an answer, and needs no field on the wire. Pure (libsodium).
#pragma once
#include <string>
#include <string_view>

namespace wsync {

// 8 characters of Crockford base32 (no I, L, O, U) in two groups: "K7RM-2XQ9" (40 bits).
// key_hex: the token's hash (HashToken), 64 hex digits; "" when the kiosk has no store.
std::string ReceiptCode(std::string_view key_hex, std::string_view session_id);
// What a resident typed, in the form ReceiptCode writes it: upper case, the dash put back,
// O read as 0 and I or L as 1; "" when it cannot be a receipt.
std::string NormalizeReceipt(std::string_view typed);

} // namespace wsync
