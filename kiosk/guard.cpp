#include "kiosk/guard.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

double PinDelay(int failures) {
    if (failures <= 2)
        return 0.0;
    if (failures >= 9)
        return kPinDelayCap;
    return std::min(kPinDelayCap, 5.0 * std::pow(2.0, failures - 3));
}

bool ValidNewPin(const std::string& pin, std::string* why) {
    if (pin.empty()) {
        *why = "no PIN given: type 4 to 8 digits";
        return false;
    }
    if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        *why = "a PIN has only digits (0-9): the kiosk's keypad has nothing else";
        return false;
    }
    if (pin.size() < kPinMinDigits || pin.size() > kPinMaxDigits) {
        *why = "a PIN has 4 to 8 digits, this one has " + std::to_string(pin.size());
        return false;
    }
    return true;
}

bool CloseAllowed(bool fullscreen, bool quit_chosen) { return !fullscreen || quit_chosen; }

bool MustRetakeWindow(bool fullscreen, bool focused, bool iconified) { return fullscreen && (!focused || iconified); }

bool RepeatsPreviousVisit(const std::vector<content::GivenAnswer>& previous,
                          const std::vector<content::GivenAnswer>& given,
                          const std::vector<content::GivenAnswer>& committing) {
    if (committing.empty() || given.size() + committing.size() > previous.size())
        return false;
    auto same = [](const content::GivenAnswer& a, const content::GivenAnswer& b) {
        return a.QuestionId == b.QuestionId && a.Value == b.Value;
    };
    size_t i = 0;
    for (const auto* list : {&given, &committing})
        for (const content::GivenAnswer& a : *list)
            if (!same(a, previous[i++]))
                return false;
    return true;
}

} // namespace kiosk
