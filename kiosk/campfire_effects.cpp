#include "kiosk/campfire_effects.hpp"
#include "kiosk/app_state.hpp"
#include "kiosk/campfire_export.hpp"
#include "kiosk/log.hpp"
#include "sync/journal.hpp"
#include "sync/sync_worker.hpp"
#include "sync/uuid.hpp"

#include <sys/stat.h>

namespace kiosk {

namespace {

Action Failed(const std::string& error) {
    Log(error);
    return CampfireAction{CampfireKind::SaveFailed, error};
}

} // namespace

// A switch over the campfire effects (about 130 lines): each case a few calls to the journal
// or the file system, kept side by side so the edge's whole surface reads in one place.
std::vector<Action> CampfireEffects::Run(const CampfireEffect& e, const std::string& lang) {
    std::vector<Action> out;
    std::string error;
    bool stored = false; // something new waits for the store: a sync round soon
    switch (e.Kind) {
    case CampfireEffectKind::LoadDefaults: {
        wsync::StoreLink link;
        CampfireAction a{CampfireKind::Defaults};
        a.Values = {Journal->GetStore(&link) ? link.Wijk : std::string(), Today ? Today() : std::string()};
        out.push_back(a);
        break;
    }
    case CampfireEffectKind::SaveSession: {
        wsync::CampfireSessionRecord g;
        g.Id = e.Campfire.Id;
        g.Name = e.Campfire.Name;
        g.Wijk = e.Campfire.Wijk;
        g.HeldOn = e.Campfire.Date;
        g.Present = e.Campfire.Present;
        g.PackId = Flow->Pack->Id;
        g.PackVersion = Flow->Pack->Version;
        g.StartedAt = NowIso ? NowIso() : std::string();
        if (!Journal->SaveCampfireSession(g, &error))
            out.push_back(Failed(error));
        else {
            Log("campfire: session " + g.Id + " started (" + std::to_string(g.Present) + " present)");
            stored = true;
        }
        break;
    }
    case CampfireEffectKind::SaveCounts: {
        std::vector<wsync::CampfireResultRecord> rows;
        for (const CampfireRow& r : e.Rows) {
            wsync::CampfireResultRecord rec;
            rec.SessionId = e.SessionId;
            rec.QuestionId = r.AnswerId;
            rec.Value = r.Option;
            rec.Count = r.Count;
            rec.Method = r.Hands ? "hands" : "taps";
            rows.push_back(rec);
        }
        if (!Journal->SaveCampfireCounts(rows, &error))
            out.push_back(Failed(error));
        else
            stored = true;
        break;
    }
    case CampfireEffectKind::SaveAgreement: {
        wsync::AgreementRecord a;
        a.Id = e.Agreement.Id;
        a.SessionId = e.SessionId;
        a.Wijk = e.Campfire.Wijk;
        a.What = e.Agreement.What;
        a.Who = e.Agreement.Who;
        a.Due = e.Agreement.Due;
        a.Answers = e.Agreement.Answers;
        a.Status = e.Agreement.Status;
        a.UpdatedAt = NowIso ? NowIso() : std::string(); // created_at: the journal keeps the first
        if (!Journal->SaveAgreement(a, &error))
            out.push_back(Failed(error));
        else
            stored = true;
        break;
    }
    case CampfireEffectKind::LoadPrevious: { // stap 3: the wijk's agreements from before this meeting
        std::vector<wsync::AgreementRecord> list;
        CampfireAction a{CampfireKind::PreviousLoaded};
        if (!Journal->PreviousAgreements(e.Campfire.Wijk, e.SessionId, &list, &error))
            Log(error); // the meeting goes on without them
        for (const wsync::AgreementRecord& r : list)
            a.List.push_back({r.Id, r.What, r.Who, r.Due, r.Answers, r.Status, r.Note, r.SessionName, r.HeldOn});
        out.push_back(a);
        break;
    }
    case CampfireEffectKind::SaveChange: {
        wsync::AgreementChangeRecord c;
        c.Id = wsync::NewUuidV4();
        c.AgreementId = e.Agreement.Id;
        c.Status = e.Agreement.Status;
        c.Note = e.Agreement.Note;
        c.At = NowIso ? NowIso() : std::string();
        c.Source = Journal->DeviceId();
        if (!Journal->SaveAgreementChange(c, &error))
            out.push_back(Failed(error));
        else {
            Log("campfire: agreement " + c.AgreementId + " is now " + c.Status);
            stored = true;
        }
        break;
    }
    case CampfireEffectKind::SaveNote: {
        wsync::GroupNoteRecord n{e.SessionId, e.Path, e.Note, NowIso ? NowIso() : std::string()};
        if (!Journal->SaveGroupNote(n, &error))
            out.push_back(Failed(error));
        else
            stored = true;
        break;
    }
    case CampfireEffectKind::EndSession:
        if (!Journal->EndCampfireSession(e.SessionId, NowIso ? NowIso() : std::string(), &error))
            Log(error); // the admin screen is next; the session stays open in the journal
        else {
            Log("campfire: session " + e.SessionId + " ended");
            stored = true;
        }
        break;
    case CampfireEffectKind::LoadExportTargets: {
        CampfireAction a{CampfireKind::TargetsLoaded};
        struct stat st {};
        if (!ExportDir.empty() && stat(ExportDir.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
            a.Values.push_back(ExportDir);
        for (const std::string& dir : UsbFolders(UsbRoots))
            if (dir != ExportDir)
                a.Values.push_back(dir);
        out.push_back(a);
        break;
    }
    case CampfireEffectKind::ExportCsv: {
        CampfireAction done{CampfireKind::ExportDone};
        if (!WriteFileAtomic(e.Path, CampfireCsv(*Flow, e.Campfire, lang), &error)) {
            Log("campfire export: " + error);
            done.Value = error;
        } else {
            Log("campfire export: " + e.Path);
        }
        out.push_back(done);
        break;
    }
    default: break;
    }
    if (stored && Sync)
        Sync->AnswersAdded();
    return out;
}

void RunCampfireEffect(App& app, const CampfireEffect& e) {
    if (e.Kind == CampfireEffectKind::CaptureSummary) { // the frame after this one writes it
        if (app.Window) {
            app.PendingCapture = e.Path; // the summary page the next frame draws
        } else {
            Log("campfire export: no PNG without a screen (--headless); the CSV was written");
            app.Queue.Push(CampfireAction{CampfireKind::ExportDone,
                                          "a PNG needs a screen, and the kiosk runs without one (--headless)"});
        }
        return;
    }
    if (e.Kind == CampfireEffectKind::ExportCsv)
        app.Trace("export " + e.Path);
    for (Action& next : app.Campfire.Run(e, app.State.Lang))
        app.Queue.Push(std::move(next));
}

} // namespace kiosk
