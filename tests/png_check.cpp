// png_check FILE [MIN_W MIN_H]: exits 0 if FILE is a PNG of at least that size that
// is not blank (more than a handful of colours, and no single colour covering
// everything). Used by the end-to-end window test on real screenshots.
// png_check FILE --count RRGGBB: prints how many pixels have that colour (each channel
// within 8), for a test that looks for a picture of a known colour (the pack's logo).
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: png_check FILE [MIN_W MIN_H]\n");
        return 2;
    }
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
    if (!px) {
        fprintf(stderr, "%s: not a readable PNG (%s)\n", argv[1], stbi_failure_reason());
        return 1;
    }
    if (argc == 4 && std::string(argv[2]) == "--count") {
        const unsigned want = unsigned(strtoul(argv[3], nullptr, 16));
        long count = 0;
        for (long i = 0; i < long(w) * h; i++)
            count += abs(int(px[i * 3]) - int(want >> 16)) <= 8 && abs(int(px[i * 3 + 1]) - int((want >> 8) & 255)) <= 8 &&
                     abs(int(px[i * 3 + 2]) - int(want & 255)) <= 8;
        stbi_image_free(px);
        printf("%ld\n", count);
        return 0;
    }
    int min_w = argc > 3 ? atoi(argv[2]) : 1, min_h = argc > 3 ? atoi(argv[3]) : 1;
    std::map<unsigned, long> colours;
    for (long i = 0; i < long(w) * h; i++)
        colours[(unsigned(px[i * 3]) << 16) | (unsigned(px[i * 3 + 1]) << 8) | px[i * 3 + 2]]++;
    long most = 0;
    for (auto& [c, count] : colours)
        most = count > most ? count : most;
    stbi_image_free(px);
    double share = double(most) / (double(w) * h);
    printf("%s: %dx%d, %zu colours, the commonest covers %.1f%%\n", argv[1], w, h, colours.size(), share * 100);
    if (w < min_w || h < min_h) {
        fprintf(stderr, "%s: too small, want at least %dx%d\n", argv[1], min_w, min_h);
        return 1;
    }
    if (colours.size() < 16 || share > 0.995) {
        fprintf(stderr, "%s: looks blank\n", argv[1]);
        return 1;
    }
    return 0;
}
