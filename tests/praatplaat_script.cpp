// praatplaat_script PACK_DIR OUT_SCRIPT [stop-half-way]
// Writes a kiosk script that goes through the whole praatplaat of a pack: every zone,
// every question it shows (following show-if with the answers it gives), with an
// answer for every question type, then the outcome. With "stop-half-way" it stops in
// the middle of the zones instead. Prints the number of answers the journal must then
// hold. The e2e test runs the script on the real binary and compares.
#include "content/answer.hpp"
#include "content/pack_loader.hpp"

#include <cstdio>
#include <fstream>
#include <string>

using namespace content;

int main(int argc, char** argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: praatplaat_script PACK_DIR OUT_SCRIPT [stop-half-way]\n");
        return 2;
    }
    LoadResult r = LoadPack(argv[1]);
    if (!r.Ok() || !r.Pack.HasPraatplaat()) {
        fprintf(stderr, "%s: not a valid pack with a praatplaat\n", argv[1]);
        return 1;
    }
    const bool stop_half_way = argc > 3 && std::string(argv[3]) == "stop-half-way";
    const Pack& pack = r.Pack;
    std::ofstream out(argv[2]);
    std::vector<GivenAnswer> given;
    long answers = 0;
    const int kTypes = int(QuestionType::Text) + 1;
    int types_seen[kTypes] = {};

    out << "tap praatplaat\nexpect-screen intro\ntap next\nexpect-screen poster\n";
    for (size_t z = 0; z < pack.Zones.size(); z++) {
        const Poll& zone = pack.Zones[z];
        out << "tap " << zone.Id << "\n";
        if (!zone.Explain.empty()) // what the zone is about, on screen, then its questions
            out << "expect-screen zone\nexpect-text " << Tr(zone.Explain, "nl", "nl") << "\ntap zone-start\n";
        for (size_t i = 0; i < zone.Questions.size(); i++) {
            const Question& q = zone.Questions[i];
            if (!IsShown(q, given))
                continue;
            if (stop_half_way && z == pack.Zones.size() / 2 && i == 1) {
                out << "tap stop\nexpect-screen poster\ntap stop\nexpect-screen thanks\ntap done\n";
                printf("%ld\n", answers);
                return 0;
            }
            out << "expect-screen question\n";
            types_seen[int(q.Type)]++;
            const size_t pick = (z + i) % q.Options.size(); // vary the answers a little
            switch (q.Type) {
            case QuestionType::Single:
            case QuestionType::Smiley:
            case QuestionType::Agree:
            case QuestionType::YesNo:
                out << "tap " << q.Id << "." << q.Options[pick].Id << "\n";
                given.push_back({q.Id, q.Options[pick].Id});
                answers++;
                break;
            case QuestionType::Multiple:
            case QuestionType::Top: {
                std::vector<std::string> chosen;
                for (int k = 0; k < q.Max; k++) {
                    const std::string& id = q.Options[(pick + size_t(k)) % q.Options.size()].Id;
                    out << "tap " << q.Id << "." << id << "\n";
                    chosen.push_back(id);
                }
                out << "tap next\n";
                given.push_back({q.Id, q.Type == QuestionType::Top ? EncodeTop(chosen) : EncodeMultiple(q, chosen)});
                answers++;
                break;
            }
            case QuestionType::Budget:
                for (int k = 0; k < q.Total / q.Step; k++) // spread it all, one step a tap
                    out << "tap " << q.Id << "." << q.Options[size_t(k) % q.Options.size()].Id << ".plus\n";
                out << "tap next\n";
                given.push_back({q.Id, "budget"});
                answers++;
                break;
            case QuestionType::Text: // typed on the on-screen keyboard, accents and all
                out << "type Meer bankjes, één speeltuin\ntap key-done\n";
                answers++;
                break;
            case QuestionType::Matrix:
                for (size_t k = 0; k < q.Rows.size(); k++) {
                    const std::string& col = q.Options[(pick + k) % q.Options.size()].Id;
                    out << "tap " << q.Id << "." << q.Rows[k].Id << "." << col << "\n";
                    given.push_back({MatrixAnswerId(q, q.Rows[k].Id), col});
                    answers++;
                }
                out << "tap next\n";
                break;
            }
        }
        out << "expect-screen results\ntap next\nexpect-screen poster\n";
    }
    out << "tap outcome\nexpect-screen outcome\ntap done\n";
    // The closing questions about the resident: the first answers "zeg ik liever niet"
    // or anything, the rest are skipped (they are optional).
    if (const Poll* closing = pack.FindPoll(pack.ClosingPoll)) {
        for (size_t i = 0; i < closing->Questions.size(); i++) {
            const Question& q = closing->Questions[i];
            out << "expect-screen question\n";
            types_seen[int(q.Type)]++;
            if (i == 0 && (q.Type == QuestionType::Single || UsesScale(q.Type))) {
                out << "tap " << q.Id << "." << q.Options.back().Id << "\n";
                answers++;
            } else if (q.Type == QuestionType::Text) {
                out << "type Meer licht in het park\ntap key-done\n";
                answers++;
            } else {
                out << "tap skip\n";
            }
        }
    }
    out << "expect-screen thanks\ntap done\nexpect-screen attract\n";
    for (int t = 0; t < kTypes; t++)
        if (!types_seen[t]) {
            fprintf(stderr, "the praatplaat never shows a question of type %s\n", QuestionTypeName(QuestionType(t)));
            return 1;
        }
    printf("%ld\n", answers);
    return 0;
}
