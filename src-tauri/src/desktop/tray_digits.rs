//! The minutes left drawn into the tray icon, for Windows, whose tray has no title beside the icon.
//!
//! Pure pixel work on an RGBA buffer: a dark band across the icon's lower part with the number in
//! white, from a built-in 3×5 bitmap font scaled to the icon's size. Up to 99 minutes the number is
//! shown as is; beyond, whole hours with an `h` ("2h").

/// The glyphs: 5 rows of 3 bits each (the high bit is the left column).
const GLYPH_WIDTH: usize = 3;
const GLYPH_HEIGHT: usize = 5;
const DIGITS: [[u8; GLYPH_HEIGHT]; 10] = [
    [0b111, 0b101, 0b101, 0b101, 0b111], // 0
    [0b010, 0b110, 0b010, 0b010, 0b111], // 1
    [0b111, 0b001, 0b111, 0b100, 0b111], // 2
    [0b111, 0b001, 0b111, 0b001, 0b111], // 3
    [0b101, 0b101, 0b111, 0b001, 0b001], // 4
    [0b111, 0b100, 0b111, 0b001, 0b111], // 5
    [0b111, 0b100, 0b111, 0b101, 0b111], // 6
    [0b111, 0b001, 0b010, 0b010, 0b010], // 7
    [0b111, 0b101, 0b111, 0b101, 0b111], // 8
    [0b111, 0b101, 0b111, 0b001, 0b111], // 9
];
const HOURS: [u8; GLYPH_HEIGHT] = [0b100, 0b100, 0b111, 0b101, 0b101];

/// The band's colour and the digits' colour (RGBA).
pub const BAND: [u8; 4] = [24, 24, 24, 255];
pub const INK: [u8; 4] = [255, 255, 255, 255];

/// What the badge says for `minutes` left: "12", "99", "2h".
pub fn label(minutes: u32) -> String {
    if minutes <= 99 {
        minutes.to_string()
    } else {
        format!("{}h", (minutes / 60).min(9))
    }
}

fn glyph(c: char) -> Option<&'static [u8; GLYPH_HEIGHT]> {
    match c {
        'h' => Some(&HOURS),
        _ => c.to_digit(10).map(|d| &DIGITS[d as usize]),
    }
}

/// `icon` (RGBA, `width` × `height`) with `text` drawn in a band across its lower part. An icon whose
/// buffer does not match its size, or too small for one glyph, is returned unchanged.
pub fn badge(icon: &[u8], width: usize, height: usize, text: &str) -> Vec<u8> {
    let mut pixels = icon.to_vec();
    let glyphs: Vec<_> = text.chars().filter_map(glyph).collect();
    if glyphs.is_empty() || pixels.len() != width * height * 4 {
        return pixels;
    }
    // Glyphs one column apart, with a margin of one column around the text.
    let columns = glyphs.len() * (GLYPH_WIDTH + 1) + 1;
    let scale = (width / columns).min(height * 3 / 5 / (GLYPH_HEIGHT + 2));
    if scale == 0 {
        return pixels;
    }
    let band_height = (GLYPH_HEIGHT + 2) * scale;
    let band_width = columns * scale;
    let (left, top) = ((width - band_width) / 2, height - band_height);
    let mut paint = |x: usize, y: usize, colour: [u8; 4]| {
        let at = (y * width + x) * 4;
        pixels[at..at + 4].copy_from_slice(&colour);
    };
    for y in top..height {
        for x in left..left + band_width {
            paint(x, y, BAND);
        }
    }
    for (i, rows) in glyphs.iter().enumerate() {
        let glyph_left = left + (1 + i * (GLYPH_WIDTH + 1)) * scale;
        for (row, bits) in rows.iter().enumerate() {
            for column in 0..GLYPH_WIDTH {
                if bits & (1 << (GLYPH_WIDTH - 1 - column)) == 0 {
                    continue;
                }
                for dy in 0..scale {
                    for dx in 0..scale {
                        paint(glyph_left + column * scale + dx, top + (1 + row) * scale + dy, INK);
                    }
                }
            }
        }
    }
    pixels
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLEAR: [u8; 4] = [10, 20, 30, 40];

    fn icon(size: usize) -> Vec<u8> {
        CLEAR.repeat(size * size)
    }

    fn at(pixels: &[u8], width: usize, x: usize, y: usize) -> [u8; 4] {
        let i = (y * width + x) * 4;
        pixels[i..i + 4].try_into().unwrap()
    }

    /// The drawn text as rows of '#' (ink), '.' (band) and ' ' (the icon), for readable assertions.
    fn picture(pixels: &[u8], width: usize, height: usize) -> Vec<String> {
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| match at(pixels, width, x, y) {
                        INK => '#',
                        BAND => '.',
                        _ => ' ',
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_label_is_minutes_then_hours() {
        assert_eq!(label(0), "0");
        assert_eq!(label(12), "12");
        assert_eq!(label(99), "99");
        assert_eq!(label(100), "1h");
        assert_eq!(label(150), "2h");
        assert_eq!(label(100_000), "9h");
    }

    #[test]
    fn twelve_on_a_16_pixel_icon_reads_as_twelve() {
        let drawn = badge(&icon(16), 16, 16, "12");
        let rows = picture(&drawn, 16, 16);
        // 2 glyphs: 9 columns at scale 1, centred; a 7-row band at the bottom.
        let expected = [
            "   .........    ",
            "   ..#..###.    ",
            "   .##....#.    ",
            "   ..#..###.    ",
            "   ..#..#...    ",
            "   .###.###.    ",
            "   .........    ",
        ];
        assert_eq!(rows[9..], expected);
        assert!(rows[..9].iter().all(|row| row.trim().is_empty()), "the icon's top is left as it was");
    }

    #[test]
    fn a_larger_icon_gets_larger_digits() {
        let drawn = badge(&icon(32), 32, 32, "5");
        // One glyph: 5 columns, scale min(32/5, 19/7) = 2; the band is 14 rows high, 10 wide.
        assert_eq!(at(&drawn, 32, 11, 17), CLEAR, "above the band");
        assert_eq!(at(&drawn, 32, 11, 18), BAND);
        // The glyph's top-left pixel is 2×2 ink at (11 + 2, 18 + 2).
        for (x, y) in [(13, 20), (14, 20), (13, 21), (14, 21)] {
            assert_eq!(at(&drawn, 32, x, y), INK, "({x}, {y})");
        }
        assert_eq!(drawn.len(), 32 * 32 * 4);
    }

    #[test]
    fn what_cannot_be_drawn_leaves_the_icon_alone() {
        assert_eq!(badge(&icon(16), 16, 16, ""), icon(16));
        assert_eq!(badge(&icon(16), 16, 16, "??"), icon(16));
        assert_eq!(badge(&icon(4), 4, 4, "12"), icon(4), "too small for a glyph");
        assert_eq!(badge(&icon(16)[..100], 16, 16, "1"), icon(16)[..100].to_vec(), "a short buffer");
    }
}
