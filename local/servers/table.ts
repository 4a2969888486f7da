import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { table } from "../../adapters/dynamodb/table";

/**
 * Creates the single table locally from the same definition the CDK stack deploys (keys,
 * indexes, TTL attribute). Does nothing when the table exists already (data kept across restarts).
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<"created" | "exists"> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return "exists";
  } catch (error) {
    if ((error as Error).name !== "ResourceNotFoundException") throw error;
  }
  const attributes = new Set<string>([table.partitionKey, table.sortKey]);
  for (const gsi of table.globalSecondaryIndexes) {
    attributes.add(gsi.partitionKey);
    attributes.add(gsi.sortKey);
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: "S" })),
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: "HASH" },
        { AttributeName: table.sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: table.globalSecondaryIndexes.map((gsi) => ({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: "HASH" },
          { AttributeName: gsi.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
    }),
  );
  return "created";
}
