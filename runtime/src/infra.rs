//! Infrastructure references: buckets, tables, queues, topics, event buses, state machines and VPC
//! links, each named once in the crate as a `const`. An integration attribute names the const
//! (`bucket = PETS`), so a typo is a Rust name-resolution error and a table cannot be passed where
//! a bucket is expected. At synth, an owned resource becomes a CloudFormation resource; an
//! imported one becomes a template parameter. No account id or region ever appears in user code.

use std::marker::PhantomData;

use serde_json::json;

use crate::integration::object::CfnValue;
use crate::naming::upper_camel;

/// What kind of AWS resource a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ResourceKind {
    /// An S3 bucket.
    Bucket,
    /// A DynamoDB table.
    Table,
    /// An SQS queue.
    Queue,
    /// An SNS topic.
    Topic,
    /// An EventBridge event bus.
    EventBus,
    /// A Step Functions state machine.
    StateMachine,
    /// An API Gateway VPC link.
    VpcLink,
}

impl ResourceKind {
    /// The suffix of logical ids (`PetsBucket`) and the word used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceKind::Bucket => "Bucket",
            ResourceKind::Table => "Table",
            ResourceKind::Queue => "Queue",
            ResourceKind::Topic => "Topic",
            ResourceKind::EventBus => "EventBus",
            ResourceKind::StateMachine => "StateMachine",
            ResourceKind::VpcLink => "VpcLink",
        }
    }
}

/// Who creates the resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Provenance {
    /// The template creates it.
    Owned,
    /// It exists already; the template takes its name (or id) as a parameter.
    Imported,
}

/// Standard or Express (only Express state machines can be started synchronously).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StateMachineType {
    /// Long-running, exactly-once executions.
    Standard,
    /// Short, high-volume executions; the only type `StartSyncExecution` accepts.
    Express,
}

/// An untyped reference, as integrations report them to the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Resource {
    /// What it is.
    pub kind: ResourceKind,
    /// The name given in Rust (`"pets"`): logical ids and parameter names derive from it.
    pub name: &'static str,
    /// Whether the template creates it or takes it as a parameter.
    pub provenance: Provenance,
    /// Only for state machines.
    pub state_machine_type: Option<StateMachineType>,
    /// Only for tables: the partition key attribute, when not [`DEFAULT_PARTITION_KEY`].
    pub partition_key: Option<&'static str>,
}

/// The partition key attribute of a table that does not name one: an owned table is created with
/// it, and the ready-made DynamoDB calls read and write it.
pub const DEFAULT_PARTITION_KEY: &str = "pk";

impl Resource {
    /// `PetsBucket`: the logical id of an owned resource.
    pub fn logical_id(&self) -> String {
        format!("{}{}", upper_camel(self.name), self.kind.as_str())
    }

    /// `PetsBucketName` (`PetsVpcLinkId`, `OrdersStateMachineArn`, ...): the template parameter of
    /// an imported resource.
    pub fn parameter_name(&self) -> String {
        let suffix = match self.kind {
            ResourceKind::VpcLink => "Id",
            ResourceKind::Topic | ResourceKind::StateMachine => "Arn",
            _ => "Name",
        };
        format!("{}{suffix}", self.logical_id())
    }

    /// The `${...}` expression, inside an `Fn::Sub`, of the resource's name (bucket, table,
    /// queue, event bus name; VPC link id; topic and state machine ARN for imported ones).
    pub fn name_sub(&self) -> String {
        match (self.provenance, self.kind) {
            (Provenance::Imported, _) => format!("${{{}}}", self.parameter_name()),
            (Provenance::Owned, ResourceKind::Queue) => {
                format!("${{{}.QueueName}}", self.logical_id())
            }
            (Provenance::Owned, ResourceKind::Topic) => {
                format!("${{{}.TopicName}}", self.logical_id())
            }
            (Provenance::Owned, ResourceKind::StateMachine) => {
                format!("${{{}.Name}}", self.logical_id())
            }
            (Provenance::Owned, _) => format!("${{{}}}", self.logical_id()),
        }
    }

    /// The resource's ARN as an `Fn::Sub` template string.
    pub fn arn_sub(&self) -> String {
        let name = self.name_sub();
        match (self.kind, self.provenance) {
            (ResourceKind::Bucket, _) => format!("arn:${{AWS::Partition}}:s3:::{name}"),
            (ResourceKind::Table, _) => format!(
                "arn:${{AWS::Partition}}:dynamodb:${{AWS::Region}}:${{AWS::AccountId}}:table/{name}"
            ),
            (ResourceKind::Queue, _) => {
                format!("arn:${{AWS::Partition}}:sqs:${{AWS::Region}}:${{AWS::AccountId}}:{name}")
            }
            (ResourceKind::EventBus, _) => format!(
                "arn:${{AWS::Partition}}:events:${{AWS::Region}}:${{AWS::AccountId}}:event-bus/{name}"
            ),
            (ResourceKind::Topic | ResourceKind::StateMachine, Provenance::Imported) => name,
            (ResourceKind::Topic, Provenance::Owned) => format!("${{{}}}", self.logical_id()),
            (ResourceKind::StateMachine, Provenance::Owned) => {
                format!("${{{}}}", self.logical_id())
            }
            (ResourceKind::VpcLink, _) => {
                format!("arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}::/vpclinks/{name}")
            }
        }
    }

    /// Its ARN, as a CloudFormation `Fn::Sub`.
    pub fn arn(&self) -> CfnValue {
        json!({ "Fn::Sub": self.arn_sub() })
    }
}

macro_rules! reference {
    ($(#[$doc:meta])* $name:ident, $kind:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name(pub Resource);

        impl $name {
            /// Created by the template.
            pub const fn owned(name: &'static str) -> Self {
                $name(Resource { kind: ResourceKind::$kind, name, provenance: Provenance::Owned, state_machine_type: None, partition_key: None })
            }

            /// Already exists; the template takes it as a parameter.
            pub const fn imported(name: &'static str) -> Self {
                $name(Resource { kind: ResourceKind::$kind, name, provenance: Provenance::Imported, state_machine_type: None, partition_key: None })
            }

            /// The untyped reference.
            pub const fn resource(&self) -> Resource {
                self.0
            }
        }
    };
}

reference!(
    /// An S3 bucket: `pub const PETS: Bucket = Bucket::owned("pets");`
    Bucket, Bucket
);
reference!(
    /// A DynamoDB table.
    Table, Table
);
impl Table {
    /// The table's partition key attribute (a string). The template creates an owned table with
    /// it, and the ready-made DynamoDB calls use it as the item key, so both always agree:
    /// `pub const PETS: Table = Table::owned("pets").with_partition_key("petId");`
    pub const fn with_partition_key(mut self, attribute: &'static str) -> Self {
        self.0.partition_key = Some(attribute);
        self
    }

    /// The partition key attribute: the declared one, else [`DEFAULT_PARTITION_KEY`].
    pub const fn partition_key(&self) -> &'static str {
        match self.0.partition_key {
            Some(k) => k,
            None => DEFAULT_PARTITION_KEY,
        }
    }
}

reference!(
    /// An SQS queue.
    Queue, Queue
);
reference!(
    /// An SNS topic.
    Topic, Topic
);
reference!(
    /// An EventBridge event bus.
    EventBus, EventBus
);
reference!(
    /// A VPC link (REST: to a Network Load Balancer).
    VpcLink, VpcLink
);

/// Marker: a Standard state machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Standard;
/// Marker: an Express state machine (the only kind `StartSyncExecution` accepts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Express;

/// A Step Functions state machine whose type is part of its Rust type, so a synchronous start of
/// a Standard machine does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StateMachine<T> {
    /// The untyped reference.
    pub resource: Resource,
    _type: PhantomData<T>,
}

impl StateMachine<Standard> {
    /// A Standard state machine the template creates.
    pub const fn standard_owned(name: &'static str) -> Self {
        Self::make(name, Provenance::Owned, StateMachineType::Standard)
    }
    /// A Standard state machine that exists already (a template parameter).
    pub const fn standard_imported(name: &'static str) -> Self {
        Self::make(name, Provenance::Imported, StateMachineType::Standard)
    }
}

impl StateMachine<Express> {
    /// An Express state machine the template creates.
    pub const fn express_owned(name: &'static str) -> Self {
        Self::make(name, Provenance::Owned, StateMachineType::Express)
    }
    /// An Express state machine that exists already (a template parameter).
    pub const fn express_imported(name: &'static str) -> Self {
        Self::make(name, Provenance::Imported, StateMachineType::Express)
    }
}

impl<T> StateMachine<T> {
    const fn make(name: &'static str, provenance: Provenance, ty: StateMachineType) -> Self {
        StateMachine {
            resource: Resource {
                kind: ResourceKind::StateMachine,
                name,
                provenance,
                state_machine_type: Some(ty),
                partition_key: None,
            },
            _type: PhantomData,
        }
    }
}
