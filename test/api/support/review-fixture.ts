/** The leader's management review of the Kon Tum year (ISO 9.3.3 outputs and one action for next year). */
export const HELD_REVIEW = {
  minutesRef: 'BB-XXLĐ-2024',
  outputs: {
    improvementOpportunities: ['Số hóa phiếu kiểm soát'],
    qmsChanges: [],
    resourceNeeds: ['Máy quét tại bộ phận một cửa'],
  },
  actions: [
    {
      title: 'Số hóa phiếu kiểm soát quá trình',
      ownerUnitCode: 'vp-kiemsoat-tthc',
      dueDate: '2025-06-30',
    },
  ],
};
