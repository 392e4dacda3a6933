//! Sex as recorded in the medical record.

use super::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// Stable code the UI sends and the store keeps.
    pub fn code(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
        }
    }

    /// Takes the stable code, or the Russian letter a receptionist would
    /// type (м/ж), in any case.
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        match raw.trim().to_lowercase().as_str() {
            "" => Err(Problem::Required),
            "male" | "м" => Ok(Self::Male),
            "female" | "ж" => Ok(Self::Female),
            _ => Err(Problem::UnknownChoice {
                expected: "male or female",
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sex_table() {
        let unknown = Err(Problem::UnknownChoice {
            expected: "male or female",
        });
        let cases = [
            ("male", Ok(Sex::Male)),
            (" Female ", Ok(Sex::Female)),
            ("М", Ok(Sex::Male)),
            ("ж", Ok(Sex::Female)),
            ("", Err(Problem::Required)),
            ("x", unknown),
            ("m", unknown),
            ("мужской", unknown),
        ];
        for (input, expected) in cases {
            assert_eq!(Sex::parse(input), expected, "Sex::parse({input:?})");
        }
        for sex in [Sex::Male, Sex::Female] {
            assert_eq!(Sex::parse(sex.code()), Ok(sex), "round trip {sex:?}");
        }
    }
}
