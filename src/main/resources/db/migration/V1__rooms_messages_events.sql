-- Core schema: users seen in tokens, rooms with their per-room sequence, memberships,
-- messages with their earlier versions, and the append-only room event log.

create table users (
    id           text primary key,          -- the token's subject
    username     text        not null,
    display_name text        not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index users_username_idx on users (lower(username));

create table rooms (
    id           uuid primary key,
    name         text        not null,
    topic        text,
    description  text,
    visibility   text        not null check (visibility in ('PUBLIC', 'PRIVATE')),
    creator_id   text        not null references users (id),
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    member_count integer     not null default 0,
    last_seq     bigint      not null default 0    -- the room's total order: next seq is last_seq + 1
);
-- Public room names are unique whatever their case; private rooms may share names.
create unique index rooms_public_name_key on rooms (lower(name)) where visibility = 'PUBLIC';
create index rooms_directory_idx on rooms (lower(name), id);

create table memberships (
    room_id   uuid        not null references rooms (id),
    user_id   text        not null references users (id),
    role      text        not null check (role in ('OWNER', 'MODERATOR', 'MEMBER')),
    joined_at timestamptz not null,
    primary key (room_id, user_id)
);
create index memberships_user_idx on memberships (user_id);
create index memberships_room_order_idx on memberships (room_id, joined_at, user_id);

create table messages (
    id                uuid primary key,
    room_id           uuid        not null references rooms (id),
    seq               bigint      not null,
    author_id         text        not null references users (id),
    body              text        not null,
    client_message_id text,
    created_at        timestamptz not null,
    edited_at         timestamptz,
    deleted_at        timestamptz,
    deleted_by        text references users (id),
    unique (room_id, seq)
);
-- Idempotent sends: one message per (room, author, client message id).
create unique index messages_client_id_key on messages (room_id, author_id, client_message_id)
    where client_message_id is not null;

create table message_edits (
    id          bigint generated always as identity primary key,
    message_id  uuid        not null references messages (id),
    body        text        not null,   -- the version that was replaced
    written_at  timestamptz not null,   -- when that version was written
    replaced_at timestamptz not null    -- when the edit replaced it
);
create index message_edits_message_idx on message_edits (message_id, id);

create table room_events (
    room_id         uuid        not null references rooms (id),
    seq             bigint      not null,
    type            text        not null,
    at              timestamptz not null,
    actor_id        text references users (id),
    message_id      uuid references messages (id),
    subject_user_id text references users (id),   -- whose membership changed
    primary key (room_id, seq)
);
