-- The AI's reading of each message, hand-off briefs and the inputs of decisions about a conversation quote
-- the customer's words: they are stored as the sealed text of their JSON ('enc:1:…', under the customer's
-- data key) from now on. Rows written before stay plain JSON text and read as they are.
ALTER TABLE message ALTER COLUMN ai_annotations DROP DEFAULT;
ALTER TABLE message ALTER COLUMN ai_annotations TYPE text USING ai_annotations::text;
ALTER TABLE message ALTER COLUMN ai_annotations SET DEFAULT '{}';
ALTER TABLE conversation ALTER COLUMN handoff_brief TYPE text USING handoff_brief::text;
ALTER TABLE decision_log ALTER COLUMN inputs TYPE text USING inputs::text;
