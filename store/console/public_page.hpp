// The public page of a wijk, /wijk/NAME (issue 14, item 7): served by the store without a
// login, read-only. What the wijk said (groups under 5 left out, as for the kiosks), the
// agreements with their status, the updates for residents, and the receipt check ("is
// my visit in?", rate-limited per address). Plain Dutch HTML with everything escaped, no
// script, no resource from anywhere, a strict Content-Security-Policy. It takes the
// console's plain request and response structs, so it needs no HTTP library either.
#pragma once
#include "store/console/console.hpp"
#include "store/rate_limiter.hpp"

namespace console {

struct PublicPage {
    explicit PublicPage(store::Store& s) : Store(s) {}
    store::Store& Store;
    // Receipt look-ups per address: one every 2 seconds, bursts of 5. A hit tells only
    // that some visit arrived on some day, and 40 bits take far too long to search.
    store::RateLimiter Receipts{0.5, 5};
};

// GET /wijk/NAME[?bon=CODE]. Never throws.
void HandlePublic(PublicPage& page, const ConsoleRequest& req, ConsoleResponse* res);

// The page's headers (also for its errors): no caching of a receipt answer, the CSP.
void PublicHeaders(ConsoleResponse* res);

} // namespace console
