//! How names in Rust become names in the API and the template, and back: operation ids, handler
//! arguments bound to path parameters, logical ids.

/// `petId` -> `pet_id`, `petID` -> `pet_id`: how a path parameter finds its handler argument.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
            if boundary {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c == '-' {
            out.push('_');
        } else {
            out.push(c);
        }
    }
    out
}

/// `get_pet` -> `getPet`, `DeletePet` -> `deletePet`: the default operation id.
pub fn lower_camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if out.is_empty() {
            out.push(c.to_ascii_lowercase());
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `pets-admin` -> `PetsAdmin`, `get_pet` -> `GetPet`: alphanumeric upper camel case (what
/// CloudFormation logical ids allow, and how Rust types are named).
pub fn upper_camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                out.push(c.to_ascii_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        } else {
            upper = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_binds_parameters_to_arguments() {
        assert_eq!(snake_case("petId"), "pet_id");
        assert_eq!(snake_case("pet_id"), "pet_id");
        assert_eq!(snake_case("id"), "id");
        assert_eq!(snake_case("petID"), "pet_id");
        assert_eq!(snake_case("HTTPServer"), "http_server");
        assert_eq!(snake_case("userId2"), "user_id2");
        assert_eq!(snake_case("v2Id"), "v2_id");
        assert_eq!(snake_case("PetId"), "pet_id");
        assert_eq!(snake_case("pet-id"), "pet_id");
    }

    #[test]
    fn lower_camel_makes_operation_ids() {
        assert_eq!(lower_camel("get_pet"), "getPet");
        assert_eq!(lower_camel("list_all_pets"), "listAllPets");
        assert_eq!(lower_camel("DeletePet"), "deletePet");
        assert_eq!(lower_camel("HealthCheck"), "healthCheck");
        assert_eq!(lower_camel("health"), "health");
        assert_eq!(lower_camel("get_pet_v2"), "getPetV2");
        assert_eq!(lower_camel("_private_op"), "privateOp");
    }

    #[test]
    fn upper_camel_makes_logical_ids_and_type_names() {
        assert_eq!(upper_camel("pets-admin"), "PetsAdmin");
        assert_eq!(upper_camel("getPet"), "GetPet");
        assert_eq!(upper_camel("delete_pet"), "DeletePet");
        assert_eq!(upper_camel("api"), "Api");
    }
}
