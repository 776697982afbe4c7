#include "kiosk/admin_effects.hpp"
#include "kiosk/app_state.hpp"
#include "kiosk/log.hpp"
#include "kiosk/pin.hpp"
#include "sync/journal.hpp"
#include "sync/sync_worker.hpp"

#include <chrono>

namespace kiosk {

namespace {

void LogAttempt(wsync::Journal& journal, const std::string& result) {
    // Time and result in the journal and the kiosk log; never the digits.
    std::string error;
    if (!journal.LogPinAttempt(result, &error))
        Log(error);
    Log("admin PIN attempt: " + result);
}

} // namespace

std::vector<Action> AdminEffects::Run(const AdminEffect& e) {
    std::vector<Action> out;
    switch (e.Kind) {
    case AdminEffectKind::CheckPin: {
        std::string hash;
        if (!Journal->GetPinHash(&hash)) {
            out.push_back(AdminAction{AdminKind::PinChecked, "unset"});
            break;
        }
        // Argon2id takes tens of milliseconds (more on a slow kiosk): not on the frame.
        std::function<void()> wake = Wake;
        PinCheck = std::async(std::launch::async, [pin = e.Value, hash, wake] {
            bool ok = VerifyPin(pin, hash);
            if (wake)
                wake();
            return ok;
        });
        break;
    }
    case AdminEffectKind::LogPinAttempt:
        LogAttempt(*Journal, e.Value);
        break;
    case AdminEffectKind::LoadPinState: {
        std::string hash, error;
        wsync::PinAttemptCounts counts;
        if (!Journal->PinAttempts(&counts, &error))
            Log(error);
        AdminAction a{AdminKind::PinState, Journal->GetPinHash(&hash) ? "set" : "unset"};
        a.Count = counts.WrongInARow;
        out.push_back(a);
        break;
    }
    case AdminEffectKind::LoadFigures: {
        AdminAction a{AdminKind::FiguresLoaded};
        AdminFigures& f = a.Figures;
        std::string error;
        wsync::JournalStatus st;
        if (!Journal->Status(&st, &error))
            Log(error);
        f.DeviceId = st.DeviceId;
        f.Answers = st.Answers;
        f.Waiting = st.Waiting;
        f.Visits = st.Sessions;
        f.VisitsFlagged = st.SessionsFlagged;
        f.LastSync = st.LastSync;
        f.LastSyncError = st.LastSyncError;
        wsync::StoreLink link;
        f.Enrolled = Journal->GetStore(&link);
        f.StoreUrl = link.Url;
        f.Wijk = link.Wijk;
        f.SyncRunning = Sync != nullptr;
        wsync::PinAttemptCounts counts;
        if (!Journal->PinAttempts(&counts, &error))
            Log(error);
        f.PinAttempts = counts.Total;
        f.PinWrong = counts.Wrong;
        if (!Hours.Always) {
            int day = 0, minute = 0;
            LocalDayMinute(time(nullptr), &day, &minute);
            f.OpeningHours = DescribeOpeningHours(Hours);
            f.OpenNow = IsOpen(Hours, day, minute);
        }
        out.push_back(a);
        break;
    }
    case AdminEffectKind::SyncNow:
        if (Sync)
            Sync->RoundNow();
        Log("admin: sync now");
        break;
    case AdminEffectKind::Quit:
        Log("admin: the kiosk is closed (Kiosk afsluiten)");
        QuitChosen = true;
        break;
    }
    return out;
}

bool AdminEffects::Finish(bool wait, Action* out) {
    if (!PinCheck.valid())
        return false;
    if (!wait && PinCheck.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return false;
    const bool ok = PinCheck.get();
    LogAttempt(*Journal, ok ? "ok" : "wrong");
    *out = AdminAction{AdminKind::PinChecked, ok ? "ok" : "wrong"};
    return true;
}

void RunAdminEffect(App& app, const AdminEffect& e) {
    for (Action& next : app.Admin.Run(e))
        app.Queue.Push(std::move(next));
    if (app.Admin.QuitChosen)
        CloseWindowForQuit(app);
}

} // namespace kiosk
