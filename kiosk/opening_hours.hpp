// The building's opening hours (/etc/wijkstem/opening-hours, docs/install.md): outside them
// the kiosk's screen stays dark until a touch wakes it for a visit. Pure: no clock, no files
// except ReadOpeningHours.
//
//   # the buurthuis is open
//   ma-vr 09:00-17:00
//   wo    19:00-22:00        a second line for a day adds a period
//   za    10:00-14:00
//   zo    gesloten           (or: closed) a day not named is closed too
//
// Days: ma di wo do vr za zo (or mo tu we th fr sa su), a range "ma-vr" or a list "ma,wo".
// Times HH:MM, 00:00 to 24:00, the end after the start; several periods per line.
#pragma once

#include <string>
#include <vector>

namespace kiosk {

struct OpenPeriod {
    int Day = 0;   // 0 = Monday ... 6 = Sunday
    int From = 0;  // minutes after midnight
    int Until = 0; // exclusive; 1440 = midnight
};

struct OpeningHours {
    bool Always = true; // no file: open all the time
    std::vector<OpenPeriod> Periods;
};

// Parses the file's text; each problem as FILE:LINE:COL: message. False (and hours unchanged)
// on any problem.
bool ParseOpeningHours(const std::string& text, const std::string& file, OpeningHours* hours,
                       std::vector<std::string>* problems);

// Reads PATH: a missing file means always open (true); an unreadable or bad one is false with problems.
bool ReadOpeningHours(const std::string& path, OpeningHours* hours, std::vector<std::string>* problems);

// Open on DAY (0 = Monday) at MINUTE (0-1439)?
bool IsOpen(const OpeningHours& hours, int day, int minute);

// Minutes from (DAY, MINUTE) until IsOpen changes (at most a week: 10080 when it never does).
int MinutesToNextChange(const OpeningHours& hours, int day, int minute);

// The local day and minute of a time_t (day 0 = Monday).
void LocalDayMinute(long long t, int* day, int* minute);

// Pure: should the screen be dark? Closed, on the attract screen, and nobody touched it for
// kWakeSeconds: a touch wakes it for a visit, and it goes dark again a while after.
constexpr double kWakeSeconds = 60.0;
bool ScreenDark(bool open_now, bool on_attract, double now, double last_input);

// One line for people, e.g. "ma-vr 09:00-17:00; za 10:00-14:00" or "always open".
std::string DescribeOpeningHours(const OpeningHours& hours);

} // namespace kiosk
