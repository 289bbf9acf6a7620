//! Custom integrations: `#[integration(expr)]`, where `expr` is a value of a user type that
//! implements [`Integration`](super::Integration) (renders its own object, declares its grants and
//! resources) and [`IntegrationStatuses`] (the statuses it answers, as a type, so the compile-time
//! "status declared" check applies to it as to the built-in kinds).

use crate::responses::DeclaresStatus;

/// One HTTP status as a type: `Status<503>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Status<const N: u16>;

/// The statuses an integration answers: `type Answers = (Status<200>, Status<503>);`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not say which HTTP statuses it answers",
    label = "used as a custom integration here",
    note = "implement `apigw::integration::IntegrationStatuses` for `{Self}`: `type Answers = (Status<200>, Status<503>);`, one `Status<N>` per status its responses map to"
)]
pub trait IntegrationStatuses {
    /// `Status<N>`, or a tuple of them: every status the integration's responses map to.
    type Answers: StatusSet;
}

/// `Status<N>` or a tuple of them.
pub trait StatusSet {
    /// The codes, in order (for tests and summaries).
    fn codes() -> Vec<u16>;
}

impl<const N: u16> StatusSet for Status<N> {
    fn codes() -> Vec<u16> {
        vec![N]
    }
}

/// Holds when every status of `Self` (a `Status<N>` or a tuple of them) is declared by the
/// responses type `R`.
pub trait DeclaredBy<R> {}

impl<R: DeclaresStatus<N>, const N: u16> DeclaredBy<R> for Status<N> {}

macro_rules! tuple_sets {
    ($($t:ident),+) => {
        impl<R, $($t: DeclaredBy<R>),+> DeclaredBy<R> for ($($t,)+) {}
        impl<$($t: StatusSet),+> StatusSet for ($($t,)+) {
            fn codes() -> Vec<u16> {
                let mut v = Vec::new();
                $(v.extend($t::codes());)+
                v
            }
        }
    };
}
tuple_sets!(A);
tuple_sets!(A, B);
tuple_sets!(A, B, C);
tuple_sets!(A, B, C, D);
tuple_sets!(A, B, C, D, E);
tuple_sets!(A, B, C, D, E, F);
tuple_sets!(A, B, C, D, E, F, G);
tuple_sets!(A, B, C, D, E, F, G, H);
tuple_sets!(A, B, C, D, E, F, G, H, I);
tuple_sets!(A, B, C, D, E, F, G, H, I, J);
tuple_sets!(A, B, C, D, E, F, G, H, I, J, K);
tuple_sets!(A, B, C, D, E, F, G, H, I, J, K, L);

/// Compile-time check emitted by `#[integration(expr)]`, spanned on `expr`.
#[doc(hidden)]
pub fn assert_custom<R, I>(_: &I)
where
    I: super::Integration + IntegrationStatuses,
    I::Answers: DeclaredBy<R>,
{
}
