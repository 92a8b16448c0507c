//! The words around a place name: designators (مدينة، بلدة، قرية …),
//! prepositions (في، من، إلى …) and directions (شمال، جنوب الشرقي …), all in
//! normalised spelling (ة → ه, ى → ي, أ/إ/آ → ا).

/// The kind of place a word before the name announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Designator {
    /// مدينة
    City,
    /// بلدة
    Town,
    /// قرية
    Village,
    /// محافظة، ولاية (Sudan), شعبية (Libya)
    Governorate,
    /// منطقة، ناحية، قضاء، مديرية، بلدية، مركز
    District,
    /// إقليم
    Region,
    /// حي
    Neighbourhood,
    /// مخيم
    Camp,
    /// ريف ("ريف حلب": the countryside of Aleppo)
    Countryside,
    /// معبر (a border crossing named after a town: "معبر رفح")
    Crossing,
}

impl Designator {
    /// Whether a place of this feature is what the designator announces.
    pub(crate) fn fits(self, feature: &crate::Feature) -> bool {
        match self {
            Self::City | Self::Town | Self::Village | Self::Camp | Self::Neighbourhood => {
                feature.is_populated_place()
            }
            Self::Governorate => matches!(feature.code(), "ADM1" | "ADM2"),
            Self::District => feature.is_area() || feature.code() != "PPL",
            Self::Region => feature.is_area(),
            // "ريف حلب" is the governorate without its city; "ريف دوما" the
            // farmland of a town. Both fit; so does any town for a crossing.
            Self::Countryside | Self::Crossing => true,
        }
    }
}

/// A preposition before the name, written as a word (في، من) or on it (بدوما).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Preposition {
    /// في، داخل; ب on the word ("بدوما")
    In,
    /// من
    From,
    /// إلى، نحو، باتجاه; ل on the word ("لدوما")
    To,
    /// قرب، عند، محيط
    Near,
    /// على
    On,
}

/// A compass direction before the name ("شمال حلب") or after it
/// ("ريف حلب الشمالي").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Direction {
    /// شمال
    North,
    /// جنوب
    South,
    /// شرق
    East,
    /// غرب
    West,
    /// شمال شرق
    NorthEast,
    /// شمال غرب
    NorthWest,
    /// جنوب شرق
    SouthEast,
    /// جنوب غرب
    SouthWest,
    /// وسط
    Centre,
}

impl Direction {
    /// Combines "شمال" + "غرب" into north-west.
    pub(crate) fn combine(self, second: Self) -> Option<Self> {
        use Direction::{East, North, NorthEast, NorthWest, South, SouthEast, SouthWest, West};
        Some(match (self, second) {
            (North, East) => NorthEast,
            (North, West) => NorthWest,
            (South, East) => SouthEast,
            (South, West) => SouthWest,
            _ => return None,
        })
    }
}

/// A designator word, in normalised spelling.
pub(crate) fn designator(word: &str) -> Option<Designator> {
    Some(match word {
        "مدينه" => Designator::City,
        "بلده" => Designator::Town,
        "قريه" => Designator::Village,
        "محافظه" | "ولايه" | "شعبيه" => Designator::Governorate,
        "منطقه" | "ناحيه" | "قضاء" | "مديريه" | "بلديه" => {
            Designator::District
        }
        "اقليم" => Designator::Region,
        "حي" => Designator::Neighbourhood,
        "مخيم" => Designator::Camp,
        "ريف" => Designator::Countryside,
        "معبر" => Designator::Crossing,
        _ => return None,
    })
}

/// A preposition written as a word, in normalised spelling.
pub(crate) fn preposition(word: &str) -> Option<Preposition> {
    Some(match word {
        "في" | "داخل" => Preposition::In,
        "من" => Preposition::From,
        "الي" | "نحو" | "باتجاه" => Preposition::To,
        "قرب" | "عند" | "محيط" | "بمحيط" | "بالقرب" => Preposition::Near,
        "علي" => Preposition::On,
        _ => return None,
    })
}

/// A preposition written on the word: the proclitics without و/ف. The
/// article is not a preposition ("لل" is ل + ال).
pub(crate) fn clitic_preposition(proclitics: &str) -> Option<Preposition> {
    let rest = proclitics.trim_start_matches(['و', 'ف']);
    match rest.chars().next()? {
        'ب' => Some(Preposition::In),
        'ل' => Some(Preposition::To),
        _ => None,
    }
}

/// A direction word before a name: "شمال", "شمالي" ("شمالي حلب").
pub(crate) fn direction(word: &str) -> Option<Direction> {
    Some(match word {
        "شمال" | "شمالي" => Direction::North,
        "جنوب" | "جنوبي" => Direction::South,
        "شرق" | "شرقي" => Direction::East,
        "غرب" | "غربي" => Direction::West,
        "وسط" => Direction::Centre,
        _ => return None,
    })
}

/// A direction adjective after a name: "الشمالي", "الشرقيه".
pub(crate) fn direction_adjective(word: &str) -> Option<Direction> {
    Some(match word {
        "الشمالي" | "الشماليه" => Direction::North,
        "الجنوبي" | "الجنوبيه" => Direction::South,
        "الشرقي" | "الشرقيه" => Direction::East,
        "الغربي" | "الغربيه" => Direction::West,
        "الاوسط" | "الوسطي" => Direction::Centre,
        _ => return None,
    })
}

/// Whether a word is one of the words around names: such a word alone is never
/// a place ("منطقة" is not the Yemeni village of that name in a sentence).
pub(crate) fn is_frame_word(word: &str) -> bool {
    designator(word).is_some() || preposition(word).is_some() || direction(word).is_some()
}
